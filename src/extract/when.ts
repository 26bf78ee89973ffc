import * as chrono from 'chrono-node';

/**
 * Dates and times as meetup pages write them: "2021 年 07 月 24 日（周六）13:30-17:30",
 * "05 月 19 日周三晚 19 点", "2019-03-24 14:00~17:00", "July 24, 2021 1:30 PM - 5:30 PM".
 * Labelled values are read by the small rules below, hand-written because no maintained parser
 * reads Chinese date phrases with a reference year. English prose ("the meetup is on August
 * 24th 2011 at 19.00") is read by chrono-node (`proseWhen`).
 */

export interface When {
  /** `YYYY-MM-DD`, null when no day is stated. */
  readonly date: string | null;
  /** `HH:MM` local. */
  readonly startTime: string | null;
  readonly endTime: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Matches a calendar day; groups are year?, month, day in each form. */
// "10 月 22-23 日": a range of days starts on its first.
const CHINESE_DAY = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})(?:\s*[-–—~～至到]\s*\d{1,2})?\s*[日号]/u;
const NUMERIC_DAY = /(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})/u;
/** "06.24.2020", "24/06/2020": the year last, day and month in an order only the page knows. */
const YEAR_LAST_DAY = /(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\d.])/u;
/** A month name, full or abbreviated, as a whole word: "Mar", "March", "Sept." — never "Marketing". */
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
// The day must end where its digits end: "March 2021" is a month and a year, not March 20.
const ENGLISH_DAY = new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:\s*,\s*|\s+)?(\d{4})?`, 'iu');
const ENGLISH_DAY_FIRST = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_NAME}(?![a-z])\.?,?\s*(\d{4})?`, 'iu');

/** A time range as agenda lines open with ("19:05-20:00", "9:00 – 9:20"), without groups. */
export const TIME_RANGE = String.raw`\d{1,2}\s*[:：]\s*\d{2}\s*(?:-|–|—|~|～|至|到)\s*\d{1,2}\s*[:：]\s*\d{2}`;

/** "13:30-17:30", "13：30 ~ 17：30", "1:30 PM - 5:30 PM", "14:00 至 17:00". */
// Whitespace belongs to the optional meridiem, so two runs of spaces never compete for the same text.
const CLOCK = String.raw`(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*(am|pm|a\.m\.|p\.m\.))?`;
const CLOCK_RANGE = new RegExp(String.raw`${CLOCK}\s*(?:-|–|—|~|～|至|到|to)\s*${CLOCK}`, 'iu');
const CLOCK_ONE = new RegExp(CLOCK, 'iu');
/** "7pm", "7 p.m.": an hour without minutes, said with its half of the day. */
const MERIDIEM = String.raw`(am|pm|a\.m\.|p\.m\.)(?![a-z])`;
const HOUR_MERIDIEM = new RegExp(String.raw`\b(\d{1,2})\s*${MERIDIEM}`, 'iu');
const HOUR_MERIDIEM_RANGE = new RegExp(String.raw`\b(\d{1,2})(?:\s*${MERIDIEM})?\s*(?:-|–|—|to)\s*(\d{1,2})\s*${MERIDIEM}`, 'iu');
/** "晚 19 点", "下午 2 点半", "19点30分". */
// "3 点建议" counts points, not hours: an hour is not followed by another word.
const HOUR_WORD = /(上午|中午|下午|晚上|晚间|晚|早上|早)?\s*(\d{1,2})\s*[点時时](?:\s*(半|(\d{1,2})\s*分?))?(?!(?![半整钟])\p{Script=Han})/u;

/**
 * Reads the first day and time range stated in `text`. A day without a year takes the year that
 * puts it nearest to `reference` (the page's publication date, `YYYY-MM-DD`).
 */
export function parseWhen(text: string, reference: string | null): When {
  return { date: parseDay(text, reference), ...parseClock(text) };
}

/** Which comes first in a day written "06.24.2020": the page's own convention, when it states one. */
export type DayOrder = 'month-first' | 'day-first' | null;

/** A page that says how it writes days ("<!-- dates are MM.DD.YYYY -->"). */
export function dayOrderIn(text: string): DayOrder {
  if (/\bMM[./-]DD[./-](?:YYYY|YY)\b/.test(text)) return 'month-first';
  if (/\bDD[./-]MM[./-](?:YYYY|YY)\b/.test(text)) return 'day-first';
  return null;
}

/**
 * The first calendar day in `text`, as `YYYY-MM-DD`. A day written "06.24.2020" is read by the
 * page's `order`, or where only one reading is a day (24 is no month); otherwise not at all.
 */
export function parseDay(text: string, reference: string | null, order: DayOrder = null): string | null {
  const numeric = NUMERIC_DAY.exec(text);
  if (numeric) return isoDay(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const yearLast = YEAR_LAST_DAY.exec(text);
  if (yearLast) {
    const [a, b, y] = [Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3])];
    const monthFirst = order === 'month-first' || (order === null && b > 12 && a <= 12);
    const dayFirst = order === 'day-first' || (order === null && a > 12 && b <= 12);
    if (monthFirst) return isoDay(y, a, b);
    if (dayFirst) return isoDay(y, b, a);
  }
  const chinese = CHINESE_DAY.exec(text);
  if (chinese) return withYear(chinese[1], Number(chinese[2]), Number(chinese[3]), reference);
  const english = ENGLISH_DAY.exec(text);
  if (english?.[1]) return withYear(english[3], monthIndex(english[1]), Number(english[2]), reference);
  const dayFirst = ENGLISH_DAY_FIRST.exec(text);
  if (dayFirst?.[2]) return withYear(dayFirst[3], monthIndex(dayFirst[2]), Number(dayFirst[1]), reference);
  return null;
}

/**
 * The first day stated in English prose, with the clock time the same phrase gives: "August 24th
 * 2011 at 19.00", "Thursday 2012-02-16 at 19.00", "28th January 2013, 19:00", "June 24 from
 * 6:30pm to 9pm". Only a phrase written with digits and naming a day of a month counts, so
 * "tonight" or "Thursday" alone date nothing. A day without a year takes the year nearest to
 * `reference`, as elsewhere.
 */
export function proseWhen(full: string, reference: string | null): When | null {
  // The sentence that dates an announcement is near its start; a page of text is not read whole.
  const text = full.slice(0, 1000);
  if (!/\d/.test(text) || !/[a-z]/i.test(text)) return null;
  const anchor = reference ? new Date(`${reference.slice(0, 10)}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1));
  for (const found of chrono.en.casual.parse(text, Number.isNaN(anchor.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : anchor)) {
    const { start, end } = found;
    if (!/\d/.test(found.text) || !start.isCertain('day') || !start.isCertain('month')) continue;
    // "1/2 of the pizza", "rated 5/10": digits and a slash name a day only with a month word or a year.
    if (/^[\d\s/.-]+$/u.test(found.text.trim()) && !/\d{4}/u.test(found.text)) continue;
    // "06.04.2020" reads two ways; parseDay reads it by the page's stated order, chrono would guess.
    const yearLast = YEAR_LAST_DAY.exec(found.text);
    if (yearLast && Number(yearLast[1]) <= 12 && Number(yearLast[2]) <= 12 && yearLast[1] !== yearLast[2]) continue;
    // A recap's "the next meetup is on …" dates the next event, not this one.
    if (/\bnext (?:meetup|event|edition|time)\b/iu.test(text.slice(Math.max(0, found.index - 60), found.index))) continue;
    const month = start.get('month');
    const day = start.get('day');
    if (month === null || day === null) continue;
    const date = withYear(start.isCertain('year') ? String(start.get('year')) : undefined, month, day, reference);
    // "Mon 5 June" on a year where the 5th is a Sunday is not that day.
    if (!date || !weekdayAgrees(found.text, date)) continue;
    const at = (c: typeof start | null | undefined) =>
      c?.isCertain('hour') ? formatClock(c.get('hour') ?? Number.NaN, c.get('minute') ?? 0) : null;
    return { date, startTime: at(start), endTime: at(end) };
  }
  return weekdayAndDay(text, reference);
}

/** "Thursday 19th", "Thursday 19th 2012 at 19.00": a weekday and a day of the month, the month left out. */
const WEEKDAY_DAY = new RegExp(
  String.raw`\b(sun|mon|tues|wednes|thurs|fri|satur)day,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?${MONTH_NAME})(?:,?\s+(\d{4}))?(?:,?\s+(?:at\s+)?(\d{1,2})[.:](\d{2}))?`,
  'iu',
);

/**
 * The day an announcement means by a weekday and a day of the month alone: the first day on or
 * after the page's date (within two months) that is that weekday and that day of the month.
 */
function weekdayAndDay(text: string, reference: string | null): When | null {
  const m = WEEKDAY_DAY.exec(text);
  if (!m?.[1] || !m[2] || !reference) return null;
  const weekday = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'].indexOf(m[1].toLowerCase());
  const start = Date.parse(`${reference.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(start)) return null;
  for (let d = 0; d <= 62; d++) {
    const day = new Date(start + d * 86_400_000);
    if (day.getUTCDate() !== Number(m[2]) || day.getUTCDay() !== weekday) continue;
    // Group 3 is the month name the lookahead refuses; the year and the time follow it.
    if (m[4] && day.getUTCFullYear() !== Number(m[4])) continue;
    const startTime = m[5] && m[6] ? formatClock(Number(m[5]), Number(m[6])) : null;
    return { date: day.toISOString().slice(0, 10), startTime, endTime: null };
  }
  return null;
}

const WEEKDAYS_ZH: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAYS_EN = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The weekday a phrase states beside its day ("周四", "星期日", "Thursday"), 0 = Sunday; null when none. */
export function statedWeekday(text: string): number | null {
  const zh = /(?:周|星期|礼拜)([日天一二三四五六])/u.exec(text);
  if (zh?.[1]) return WEEKDAYS_ZH[zh[1]] ?? null;
  const en = /\b(sun|mon|tue|wed|thu|fri|sat)(?:day|\.|s?\b|nesday|rsday|urday|sday)/iu.exec(text);
  return en?.[1] ? WEEKDAYS_EN.indexOf(en[1].toLowerCase()) : null;
}

/** Whether the weekday a phrase states (if any) is the weekday of `date`. */
export function weekdayAgrees(text: string, date: string): boolean {
  const stated = statedWeekday(text);
  return stated === null || new Date(`${date}T12:00:00Z`).getUTCDay() === stated;
}

/** The first time range (or single start time) in `text`. */
export function parseClock(full: string, options: { hourWords?: boolean } = {}): { startTime: string | null; endTime: string | null } {
  // A time is stated near the start of a value; a page-long value is not searched whole.
  const text = full.slice(0, 300);
  const range = CLOCK_RANGE.exec(text);
  if (range) {
    const endMeridiem = range[6];
    const start = clock(range[1], range[2], range[3] ?? endMeridiem);
    return { startTime: start, endTime: clock(range[4], range[5], endMeridiem) };
  }
  const one = CLOCK_ONE.exec(text);
  if (one) return { startTime: clock(one[1], one[2], one[3]), endTime: null };
  // "7pm", "6-9pm", "6pm – 9pm": an hour with its half of the day.
  const hours = HOUR_MERIDIEM_RANGE.exec(text) ?? HOUR_MERIDIEM.exec(text);
  if (hours) {
    const [, h1, m1, h2, m2] = hours;
    const endMeridiem = h2 ? m2 : undefined;
    return { startTime: clock(h1, '00', m1 ?? endMeridiem), endTime: h2 ? clock(h2, '00', m2) : null };
  }
  const word = options.hourWords === false ? null : HOUR_WORD.exec(text);
  if (word?.[2]) {
    let hour = Number(word[2]);
    if (word[1] && /下午|晚/.test(word[1]) && hour < 12) hour += 12;
    const minutes = word[3] === '半' ? 30 : Number(word[4] ?? 0);
    return { startTime: formatClock(hour, minutes), endTime: null };
  }
  return { startTime: null, endTime: null };
}

function clock(h: string | undefined, m: string | undefined, meridiem: string | undefined): string | null {
  let hour = Number(h);
  const minutes = Number(m);
  if (meridiem) {
    const pm = meridiem.toLowerCase().startsWith('p');
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  return formatClock(hour, minutes);
}

function formatClock(hour: number, minutes: number): string | null {
  if (!(hour >= 0 && hour <= 24 && minutes >= 0 && minutes < 60)) return null;
  return `${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Picks the year for a day stated without one: the candidate nearest to the reference date. */
function withYear(year: string | undefined, month: number, day: number, reference: string | null): string | null {
  if (year) return isoDay(Number(year), month, day);
  const ref = reference ? Date.parse(`${reference.slice(0, 10)}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ref)) return null;
  const refYear = new Date(ref).getUTCFullYear();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const y of [refYear - 1, refYear, refYear + 1]) {
    const candidate = isoDay(y, month, day);
    if (!candidate) continue;
    const distance = Math.abs(Date.parse(`${candidate}T00:00:00Z`) - ref);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `YYYY-MM-DD` for a real calendar day, else null (no 2021-02-30). */
function isoDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `+08:00` / `Z` offset written at the end of an ISO timestamp, if any. */
export function offsetOf(timestamp: string | null | undefined): string | null {
  const m = /(?:T|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(timestamp?.trim() ?? '');
  if (!m?.[1]) return null;
  if (m[1].toUpperCase() === 'Z') return '+00:00';
  const raw = m[1].replace(':', '');
  return `${raw.slice(0, 3)}:${raw.slice(3)}`;
}
