import type { RootContent } from 'mdast';
import type { FrontMatter } from '../content/front-matter-schema.js';
import type { ParsedPage } from '../content/parse-page.js';
import type { EventFactField, EventFacts, SourceRef, TalkRecord } from '../model/records.js';
import type { FrontMatterFacts } from './front-matter-facts.js';
import type { Locate } from './locate.js';
import { lineOf, textOf } from './mdast.js';
import type { PageView } from './page-view.js';
import { cityFrom, cityInProse, cleanVenue, formatFrom, formatInProse, zoneOfCity } from './place.js';
import { seriesOf } from './series.js';
import { venueInProse, venueOfSection } from './venue-section.js';
import type { LabelRole } from './vocabulary.js';
import { offsetIn } from './world-cities.js';
import { dayOrderIn, offsetOf, parseClock, parseDay, proseWhen, statedWeekday, weekdayAgrees } from './when.js';

/**
 * Event facts: the fields the schema reads first, then the labelled summary lines, then the
 * site's own front-matter fields about the event (where the body is silent), then the
 * description. Each fact remembers the line it was read from.
 */
export function eventFacts(
  page: ParsedPage,
  view: PageView,
  site: FrontMatterFacts,
  zones: { readonly defaultOffset: string; readonly timezone: string | null },
  at: Locate,
): EventFacts {
  const { labelled, nodes } = view;
  const fm = page.frontMatter;
  const frontMatter: SourceRef = { path: page.sourcePath, line: 1 };
  const sources: Partial<Record<EventFactField, SourceRef>> = {};
  const found = <T>(field: EventFactField, value: T | null, source: SourceRef | null): T | null => {
    if (value !== null && value !== undefined && source) sources[field] = source;
    return value;
  };
  const fromProse = <T>(field: EventFactField, hit: { value: T; line: number | null } | null): T | null => found(field, hit?.value ?? null, hit ? at(hit.line) : null);
  const values = (role: LabelRole) => labelled.filter((v) => v.role === role && v.value);
  const first = (role: LabelRole) => values(role)[0] ?? null;
  // The page's own date (front matter, else its path) places a day written without a year.
  const reference = fm.date ?? page.pathDate;
  // A front matter about the event itself (`type: meetup`, a place, talks) dates the event, not the post.
  const eventDate = site.describesEvent && fm.date ? parseDay(fm.date, null) : null;

  const theme = first('theme');
  const heading = page.tree.children.find((n) => n.type === 'heading');
  const title =
    fm.title ??
    found('title', theme?.value ?? null, theme ? at(theme.line) : null) ??
    found('title', heading ? textOf(heading).trim() || null : null, heading ? at(lineOf(heading)) : null) ??
    page.slug;
  // 日期 and 时间 may stand on two lines; the first line stating a day gives the day.
  const timeLines = values('time');
  const order = dayOrderIn(page.body);
  const dayLine = timeLines.find((v) => parseDay(v.value, reference, order) !== null);
  const clockLine = timeLines.find((v) => parseClock(v.value).startTime !== null);
  const bodyDate = dayLine ? parseDay(dayLine.value, reference, order) : null;
  // "6 月 12 日周四" when the 12th is a Wednesday: a sentence stating a day whose weekday agrees wins.
  const agreeing = dayLine && bodyDate && !weekdayAgrees(dayLine.value, bodyDate) ? firstInProse(nodes, (t) => agreeingDay(t, reference)) : null;
  const stated =
    found('date', agreeing?.value ?? null, agreeing ? at(agreeing.line) : null) ??
    found('date', bodyDate, dayLine ? at(dayLine.line) : null) ??
    found('date', parseDay(fm.description ?? '', reference), frontMatter) ??
    dateLineIn(nodes, reference, at, sources) ??
    found('date', site.when ? parseDay(site.when, reference) : null, frontMatter) ??
    found('date', eventDate, frontMatter);
  // A description is prose: only a written clock time there (19:00) is taken for the start.
  const siteClock = site.when ? parseClock(site.when, { hourWords: false }) : eventDate && fm.date ? parseClock(fm.date.slice(10), { hourWords: false }) : null;
  const descriptionClock = parseClock(fm.description ?? '', { hourWords: false });
  // Prose is read (by chrono, the costliest reader) only for what nothing else states.
  const prose = stated === null || (!clockLine && !siteClock?.startTime && !descriptionClock.startTime) ? firstInProse(nodes, (t) => proseWhen(t, reference), true) : null;
  const date = stated ?? found('date', prose?.value.date ?? null, prose ? at(prose.line) : null);
  // The sentence that gave the day gives its time, unless a labelled line or a field says it.
  const proseClock = prose && date === prose.value.date && prose.value.startTime ? prose.value : null;
  const clock = clockLine
    ? parseClock(clockLine.value)
    : siteClock?.startTime
      ? siteClock
      : descriptionClock.startTime || !proseClock
        ? descriptionClock
        : proseClock;
  const clockSource = clockLine ? at(clockLine.line) : clock === proseClock && prose ? at(prose.line) : frontMatter;
  const venueLine = first('venue');
  const section = venueOfSection(nodes, view.vocabulary);
  const prosePlace = fm.venue || section || venueLine || site.venue ? null : venueInProse(view.outside);
  const venue =
    fm.venue ??
    found('venue', section?.venue ?? null, section ? at(section.line) : null) ??
    found('venue', venueLine ? cleanVenue(venueLine.value) : null, venueLine ? at(venueLine.line) : null) ??
    found('venue', site.venue, frontMatter) ??
    found('venue', prosePlace?.venue ?? null, prosePlace ? at(prosePlace.line) : null);
  const formatLine = first('format');
  const format =
    fm.format ??
    found('format', formatLine ? formatFrom(formatLine.value) : null, formatLine ? at(formatLine.line) : null) ??
    found('format', site.format, frontMatter) ??
    found('format', fm.description ? formatFrom(fm.description) : null, frontMatter) ??
    fromProse('format', firstInProse(view.outside, (t) => formatInProse(t, venue !== null)));
  const city =
    fm.city ??
    found('city', cityFrom(title, venue), cityFrom(title, null) ? frontMatter : (sources.venue ?? frontMatter)) ??
    found('city', site.city, frontMatter) ??
    (format === 'ONLINE' ? null : fromProse('city', firstInProse(view.outside, cityInProse)));
  // A time the page writes is local to the event: to its city's zone, else the site's zone
  // (--timezone), else the offset the front-matter date carries, else --utc-offset. A date
  // written in UTC ("…T10:20:00.000Z") says when the post was published, not where.
  const zone = (city ? zoneOfCity(city) : null) ?? zones.timezone;
  const day = date ?? page.pathDate ?? fm.date?.slice(0, 10) ?? null;
  const utcOffset = (zone && day ? offsetIn(zone, day, clock.startTime) : null) ?? offsetOf(fm.date) ?? zones.defaultOffset;
  return {
    title,
    description: fm.description || null,
    published: fm.date ?? page.pathDate,
    date,
    startTime: fm.startTime ?? found('startTime', clock.startTime, clockSource),
    endTime: fm.endTime ?? found('endTime', clock.endTime, clockSource),
    utcOffset,
    city,
    venue,
    format,
    tags: fm.tags ?? [],
    categories: fm.categories ?? [],
    cover: fm.cover ?? null,
    ...seriesFacts(fm, title),
    sources,
  };
}

/** Series and number: stated in front matter, else read from a "Name#N" title. */
function seriesFacts(fm: FrontMatter, title: string): { series: string | null; edition: number | null } {
  const read = seriesOf(title, [...(fm.categories ?? []), ...(fm.tags ?? [])]);
  return { series: fm.series ?? read?.series ?? null, edition: fm.edition ?? read?.edition ?? null };
}

/** A short paragraph that is only a full date ("2023 年 8 月 9 日（周三）"), for pages without a 时间 line. */
function dateLineIn(
  nodes: readonly RootContent[],
  reference: string | null,
  at: Locate,
  sources: Partial<Record<EventFactField, SourceRef>>,
): string | null {
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    const text = textOf(node).trim();
    const day = text.length <= 30 && /^\d{4}\s*年/u.test(text) ? parseDay(text, reference) : null;
    if (day) {
      sources.date = at(lineOf(node));
      return day;
    }
  }
  return null;
}

/**
 * The first paragraph (or heading, with `headings`) of which `read` makes something: the prose
 * readers below (a date, a weekday correction, a city, a format) each look for one such line.
 */
function firstInProse<T>(nodes: readonly RootContent[], read: (text: string) => T | null, headings = false): { value: T; line: number | null } | null {
  for (const node of nodes) {
    if (node.type !== 'paragraph' && !(headings && node.type === 'heading')) continue;
    const value = read(textOf(node));
    if (value !== null) return { value, line: lineOf(node) };
  }
  return null;
}

/**
 * A paragraph stating a day, on or after the page's own date, with a weekday that is that day's,
 * and the event's time too, as a correction of a date line does (a deadline rarely does). A day
 * before the page was published is a line copied from an older page, not a correction.
 */
function agreeingDay(text: string, reference: string | null): string | null {
  const date = parseDay(text, reference);
  if (!date || (reference && date < reference.slice(0, 10))) return null;
  const timed = parseClock(text, { hourWords: true }).startTime !== null;
  return timed && statedWeekday(text) !== null && weekdayAgrees(text, date) ? date : null;
}

/**
 * What the talks tell of the event when the page does not say: its times span the agenda, and
 * without a 形式 line a venue means people gather, a live room alone means online.
 */
export function withTalkFacts(event: EventFacts, talks: readonly TalkRecord[], hasLivestream: boolean): EventFacts {
  const format = event.format ?? (event.venue ? 'OFFLINE' : hasLivestream ? 'ONLINE' : null);
  return withAgendaSpan({ ...event, format }, talks);
}

/**
 * An event that states when it starts but not when it ends ends with its agenda; one that
 * states neither spans its agenda.
 */
function withAgendaSpan(event: EventFacts, talks: readonly TalkRecord[]): EventFacts {
  const starts = talks.map((t) => t.startTime).filter((t): t is string => t !== null).sort();
  const ends = talks.map((t) => t.endTime).filter((t): t is string => t !== null).sort();
  const lastEnd = ends[ends.length - 1] ?? null;
  const startTime = event.startTime ?? starts[0] ?? null;
  const endTime = event.endTime ?? (startTime && lastEnd && lastEnd > startTime ? lastEnd : null);
  const agenda = talks.find((t) => t.startTime !== null)?.source;
  const sources = { ...event.sources };
  if (!event.startTime && startTime && agenda) sources.startTime = agenda;
  if (!event.endTime && endTime && agenda) sources.endTime = agenda;
  return { ...event, startTime, endTime, sources };
}
