import type { FrontMatterLeaf } from '../content/front-matter-leaves.js';
import type { EventFormat, ResourceKind } from '../model/records.js';
import { isImageUrl, kindOfUrl, projectOf, safeUrl } from './links.js';
import { cityFrom, cleanVenue, formatFrom } from './place.js';
import { PLACEHOLDER_NAME } from './people.js';
import { namesRole } from './speaker-intro.js';
import { parseClock, parseDay } from './when.js';

/**
 * What a site's own front-matter fields say about its event, whatever they are called and
 * however deep they sit: `section1.time: 2022-10-22 14:00-16:45`, `event_date`, `location`,
 * `base: 杭州 + 线上同步直播`, `videoUrl: //player…`. Fields are known by the words of their key
 * and the shape of their value; a key naming an icon, image or style is not a fact.
 */
export interface FrontMatterFacts {
  /** The first field stating a day or a time of day. */
  readonly when: string | null;
  /** Where, from the first field naming a place. */
  readonly venue: string | null;
  readonly city: string | null;
  readonly format: EventFormat | null;
  /** Addresses of fields whose key or address says what they lead to. */
  readonly links: readonly { readonly url: string; readonly kind: ResourceKind }[];
  /** Talks listed as objects with a title and a name (`speakers: [{ title, name }]`). */
  readonly talks: readonly { readonly title: string; readonly speakers: readonly string[] }[];
  /**
   * Whether the front matter describes the event itself (a time, a place, talks, `type:
   * meetup`): its `date` is then the event's, not the publication's.
   */
  readonly describesEvent: boolean;
}

const TIME_WORDS = new Set(['time', 'when', 'datetime', 'date', 'schedule', 'start', 'starts', 'begin']);
const PLACE_WORDS = new Set(['location', 'venue', 'address', 'where', 'place', 'base', 'site', 'city', 'locale']);
const TITLE_WORDS = new Set(['title', 'topic', 'talk', 'subject', 'session']);
const NAME_WORDS = new Set(['name', 'speaker', 'speakers', 'presenter', 'author', 'by']);
const TALK_LIST_WORDS = new Set(['talks', 'talk', 'speakers', 'speaker', 'agenda', 'schedule', 'sessions', 'session', 'program', 'programme', 'presentations', 'lineup']);
const EVENT_TYPE = /^(?:meetup|event|conference|workshop|webinar|livestream|live)$/i;
const NOT_A_FACT = new Set(['icon', 'image', 'img', 'css', 'style', 'class', 'snapshot', 'thumbnail', 'cover', 'logo', 'banner', 'poster', 'type', 'layout']);

/** The words of a key: `videoUrl` → video, url; `event_date` → event, date. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function frontMatterFacts(leaves: readonly FrontMatterLeaf[]): FrontMatterFacts {
  let when: string | null = null;
  let place: ReturnType<typeof readPlace> | null = null;
  const links: { url: string; kind: ResourceKind }[] = [];
  let eventType = false;
  for (const { path, value } of leaves) {
    const words = keyWords(path[path.length - 1] ?? '');
    if (path.length === 1 && words.join(' ') === 'type' && EVENT_TYPE.test(value)) eventType = true;
    if (words.some((w) => NOT_A_FACT.has(w))) continue;
    if (/^(?:https?:)?\/\//i.test(value)) {
      const url = safeUrl(value);
      if (!url || isImageUrl(value) || projectOf(value)) continue;
      const kind = kindOfUrl(value, words.join(' '));
      if (kind) links.push({ url: value, kind });
      continue;
    }
    if (value.startsWith('/')) continue;
    if (!when && words.some((w) => TIME_WORDS.has(w)) && (parseDay(value, null) !== null || parseClock(value, { hourWords: false }).startTime !== null)) {
      when = value;
      continue;
    }
    if (!place && words.some((w) => PLACE_WORDS.has(w))) place = readPlace(value);
  }
  const talks = listedTalks(leaves);
  const describesEvent = eventType || when !== null || place !== null || talks.length > 0;
  return { when, venue: place?.venue ?? null, city: place?.city ?? null, format: place?.format ?? null, links, talks, describesEvent };
}

/**
 * Items of a front-matter list that each have a title and a name: the page's talks. A "title"
 * that is a role ("Staff Engineer") belongs to a person, not a talk.
 */
function listedTalks(leaves: readonly FrontMatterLeaf[]): { title: string; speakers: string[] }[] {
  const items = new Map<string, { title: string | null; speakers: string[]; named: boolean }>();
  for (const { path, value } of leaves) {
    const at = path[path.length - 2];
    if (path.length < 3 || at === undefined || !/^\d+$/.test(at)) continue;
    // Only a list of talks or speakers: sponsors, organizers and partners have names and titles too.
    if (!keyWords(path[path.length - 3] ?? '').some((w) => TALK_LIST_WORDS.has(w))) continue;
    const words = keyWords(path[path.length - 1] ?? '');
    const item = path.slice(0, -1).join('\u0000');
    const entry = items.get(item) ?? { title: null, speakers: [], named: false };
    if (words.some((w) => TITLE_WORDS.has(w)) && !namesRole(value)) entry.title ??= value;
    else if (words.some((w) => NAME_WORDS.has(w))) {
      entry.named = true;
      if (!PLACEHOLDER_NAME.test(value.trim())) entry.speakers.push(value);
    }
    else continue;
    items.set(item, entry);
  }
  // A talk whose speaker is still "TBD" is a talk without a speaker yet.
  return [...items.values()].flatMap((t) => (t.title && t.named ? [{ title: t.title, speakers: t.speakers }] : []));
}

/**
 * A place as a badge writes it: "上海市虹口区… + 线上同步直播", "北京 + 线上同步直播", "线上". Parts
 * that say online make the event online, or hybrid beside a place; a part that is only a city
 * names the city, not a venue.
 */
function readPlace(text: string): { venue: string | null; city: string | null; format: EventFormat | null } {
  const parts = text.split(/\s*[+＋|｜]\s*/u).filter(Boolean);
  // "线上", "线下": parts that only say how people attend; every other part names a place.
  const online = parts.some((p) => formatFrom(p) === 'ONLINE');
  const offline = parts.some((p) => formatFrom(p) === 'OFFLINE');
  const places = parts.filter((p) => formatFrom(p) === null);
  const where = places.join(' ').trim();
  const city = where ? cityFrom(null, where) : null;
  const venue = where && where !== city ? cleanVenue(where) : null;
  const inPerson = offline || places.length > 0;
  const format: EventFormat | null = inPerson && online ? 'HYBRID' : online ? 'ONLINE' : inPerson ? 'OFFLINE' : null;
  return { venue, city, format };
}
