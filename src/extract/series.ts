/**
 * The series a meetup belongs to and its number: "Dev Stack Meetup#7 杭州站" → DevMeetup / 7 when
 * the page's category says "DevMeetup"; "Cloud Native Meetup#9" → "Cloud Native Meetup" / 9.
 */

import { seriesKey } from '../model/keys.js';

export interface SeriesEdition {
  readonly series: string;
  readonly edition: number | null;
}

/** "Dev Stack Meetup#7 …", "【活动回顾】DevMeetup#8 …", "示例频道#20：…" → prefix and number. */
const NUMBERED = /^(?:【[^】]*】|\[[^\]]*\])?\s*([^#＃]{2,40}?)\s*[#＃](\d{1,4})/u;

/**
 * Reads the series from the title's "Name#N" prefix. When a category or tag spells the same
 * series more briefly ("DevMeetup" for "Dev Stack Meetup": its letters in order), that spelling
 * is used, so pages that spell the series differently agree.
 */
export function seriesOf(title: string, labels: readonly string[]): SeriesEdition | null {
  const m = NUMBERED.exec(title);
  if (!m?.[1] || !m[2]) return null;
  const prefix = m[1].trim();
  const key = seriesKey(prefix);
  if (!key) return null;
  const lastWord = seriesKey(prefix.split(/\s+/u).pop() ?? prefix);
  // Same first letter, same last word, the label's letters in order: a shorter spelling.
  const label = labels.find((l) => {
    const k = seriesKey(l);
    return k.length >= 3 && k[0] === key[0] && k.endsWith(lastWord) && isSubsequence(k, key);
  });
  return { series: label ?? prefix, edition: Number(m[2]) };
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}
