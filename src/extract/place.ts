import type { EventFormat } from '../model/records.js';
import { cityMentions, worldCity } from './world-cities.js';

/**
 * Cities, venues and formats from the words meetup pages use. The city list is general
 * geography (Chinese cities by their usual names, with English spellings), not page knowledge.
 */

const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['北京', 'Beijing'], ['上海', 'Shanghai'], ['广州', 'Guangzhou'], ['深圳', 'Shenzhen'], ['杭州', 'Hangzhou'],
  ['成都', 'Chengdu'], ['南京', 'Nanjing'], ['武汉', 'Wuhan'], ['西安', "Xi'an"], ['合肥', 'Hefei'],
  ['苏州', 'Suzhou'], ['重庆', 'Chongqing'], ['天津', 'Tianjin'], ['长沙', 'Changsha'], ['厦门', 'Xiamen'],
  ['青岛', 'Qingdao'], ['大连', 'Dalian'], ['济南', 'Jinan'], ['郑州', 'Zhengzhou'], ['沈阳', 'Shenyang'],
  ['福州', 'Fuzhou'], ['宁波', 'Ningbo'], ['无锡', 'Wuxi'], ['东莞', 'Dongguan'], ['珠海', 'Zhuhai'],
  ['昆明', 'Kunming'], ['贵阳', 'Guiyang'], ['南宁', 'Nanning'], ['南昌', 'Nanchang'], ['太原', 'Taiyuan'],
  ['石家庄', 'Shijiazhuang'], ['哈尔滨', 'Harbin'], ['长春', 'Changchun'], ['兰州', 'Lanzhou'], ['乌鲁木齐', 'Urumqi'],
  ['海口', 'Haikou'], ['三亚', 'Sanya'], ['香港', 'Hong Kong'], ['澳门', 'Macau'], ['台北', 'Taipei'],
  ['佛山', 'Foshan'], ['常州', 'Changzhou'], ['温州', 'Wenzhou'], ['绍兴', 'Shaoxing'], ['嘉兴', 'Jiaxing'],
  ['呼和浩特', 'Hohhot'], ['银川', 'Yinchuan'], ['西宁', 'Xining'], ['拉萨', 'Lhasa'],
];

/** Districts whose name already tells the city, so "海淀区" alone still places an event. */
const DISTRICTS: ReadonlyArray<readonly [string, string]> = [
  ['海淀', '北京'], ['朝阳区', '北京'], ['中关村', '北京'], ['浦东', '上海'], ['徐汇', '上海'], ['静安', '上海'],
  ['西湖区', '杭州'], ['滨江', '杭州'], ['余杭', '杭州'], ['南山区', '深圳'], ['福田', '深圳'], ['天河', '广州'],
];

/**
 * A city named with 站 in a title ("杭州站", "Hangzhou Station"), in a venue (a Chinese city, or
 * any city of the world in the address: "Storgatan 12, 211 34 Malmö"), or after "in" / "at" in
 * the title ("May meetup at JayWay in Malmö").
 */
export function cityFrom(title: string | null, venue: string | null): string | null {
  const fromTitle = title ? cityInTitle(title) : null;
  if (fromTitle) return fromTitle;
  // An address ends with its city: "Harbour Copenhagen Hotel, Nørregade 7, 1165 København".
  const fromVenue = venue ? (cityInText(venue) ?? cityOfAddress(venue)) : null;
  return fromVenue ?? (title ? cityInProse(title) : null);
}

/**
 * A city where prose says the event is: named right after "in", "to" or "at" ("come to
 * Copenhagen", "hosted in Malmö"), never after "from" (where a speaker flies in from); in
 * Chinese, right after 在 / 于 / 来到 / 相聚 ("我们在上海一起庆祝").
 */
export function cityInProse(text: string): string | null {
  // "我们在上海一起庆祝", "相聚杭州": a Chinese city after the word that places people there.
  for (const m of text.slice(0, 1000).matchAll(/(?:在|于|来到|相聚|走进|落地)\s*([\p{Script=Han}]{2,4})/gu)) {
    const known = m[1] ? CITIES.find(([zh]) => m[1]?.startsWith(zh))?.[0] : undefined;
    if (known) return known;
  }
  for (const { city, at, end } of cityMentions(text.slice(0, 1000))) {
    const before = text.slice(Math.max(0, at - 24), at);
    if (!/\b(?:in|to|at)\s+$/i.test(before) || /\b(?:thanks|thank you|welcome|due|close|next|according|similar|back|up)\s+to\s+$/i.test(before)) continue;
    // "in Malmö." or "in Malmö, Sweden", not "to Mobile Development" nor "to Nice people".
    if (/^(?:\s*[.,;:!?)）。，]|\s*$)/u.test(text.slice(end))) return city.name;
  }
  return null;
}

/**
 * The city an address names: read from its last part backwards, a city that ends its part or
 * stands before a postal district ("1098 Copenhagen K", "211 20 Malmö", "Berlin"), never a word
 * inside a name ("Hotel Victoria", "Orange Street 5", "meeting room Tokyo").
 */
function cityOfAddress(venue: string): string | null {
  const parts = venue.split(/\s*[,，]\s*/u).reverse();
  for (const part of parts) {
    for (const { city, at, end } of cityMentions(part).reverse()) {
      const before = part.slice(0, at);
      if (/\b(?:room|hall|hotel|street|st|road|pub|bar|café|cafe|building|house)\s+$/iu.test(before)) continue;
      if (/^\s*(?:[A-ZÆØÅ]{1,2}|\d[\d\s-]*)?\s*$/u.test(part.slice(end))) return city.name;
    }
  }
  return null;
}

function cityInTitle(title: string): string | null {
  for (const station of title.matchAll(/([\p{Script=Han}]{2,4})站/gu)) {
    const known = station[1] ? knownCityIn(station[1]) : null;
    if (known) return known;
  }
  const english = /\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:Station|Stop)\b/.exec(title);
  return english?.[1] ? knownCityIn(english[1]) : null;
}

function cityInText(text: string): string | null {
  const known = knownCityIn(text);
  if (known) return known;
  // "杭州市" at the start or after a province; "一楼超市" is a shop, not a city.
  const city = /(?:^|[省\s，,])([\p{Script=Han}]{2,3})市/u.exec(text);
  if (city?.[1]) return city[1];
  for (const [district, name] of DISTRICTS) if (text.includes(district)) return name;
  return null;
}

const ENGLISH_CITIES = CITIES.map(([, en]) => [en, new RegExp(`\\b${en}\\b`, 'i')] as const);

/** The known city that appears earliest in `text`, in the language the text is written in. */
function knownCityIn(text: string): string | null {
  let best: { at: number; name: string } | null = null;
  for (const [zh] of CITIES) {
    const at = text.indexOf(zh);
    if (at !== -1 && (!best || at < best.at)) best = { at, name: zh };
  }
  for (const [en, pattern] of ENGLISH_CITIES) {
    const at = pattern.exec(text)?.index ?? -1;
    if (at !== -1 && (!best || at < best.at)) best = { at, name: en };
  }
  return best?.name ?? null;
}

/** The IANA zone of a city the page names, in English, locally or in Chinese (合肥 → Asia/Shanghai). */
export function zoneOfCity(city: string): string | null {
  const english = CITIES.find(([zh]) => zh === city)?.[1];
  return (worldCity(city) ?? (english ? worldCity(english) : null))?.timezone ?? null;
}

/** The venue as stated, without trailing punctuation or a parenthesised map hint at the end. */
export function cleanVenue(raw: string): string | null {
  let venue = raw.slice(0, 500).replace(/\s+/g, ' ');
  // Trailing punctuation, trimmed by hand: a regex anchored at the end rescans from every comma.
  while (venue.length > 0 && TRAILING.has(venue.charAt(venue.length - 1))) venue = venue.slice(0, -1);
  venue = venue.trim();
  return venue.length > 0 ? venue : null;
}

const TRAILING = new Set([...'。．.，,；;、：:！! ']);

const ONLINE = /线上|直播|在线|云上|webinar|online|live\s*stream|zoom/iu;
const OFFLINE = /线下|现场|offline|in[-\s]person/iu;

/**
 * Words of prose that put an event on a screen ("Virtual via Zoom", "streamed live", 线上分享):
 * narrower than ONLINE, whose bare 直播 or "online" are read only from a 形式 value.
 */
const ONLINE_PROSE = /\bvirtual(?:ly)?\s+(?:via|on)\b|\b(?:via|on)\s+(?:zoom|teams|google meet|jitsi)\b|\bonline (?:event|meetup|only)\b|\bstreamed live\b|\blive[- ]?streamed\b|线上分享|线上活动|线上直播|在线直播|同步直播|线上同步/iu;

/** The format a sentence states: ONLINE, or HYBRID when the page also gives a venue; null when it says none. */
export function formatInProse(text: string, hasVenue: boolean): EventFormat | null {
  return ONLINE_PROSE.test(text) ? (hasVenue ? 'HYBRID' : 'ONLINE') : null;
}

/** `OFFLINE` / `ONLINE` / `HYBRID` from the wording of a 形式 value or a description. */
export function formatFrom(text: string): EventFormat | null {
  const online = ONLINE.test(text);
  const offline = OFFLINE.test(text);
  if (online && offline) return 'HYBRID';
  if (offline) return 'OFFLINE';
  if (online) return 'ONLINE';
  return null;
}
