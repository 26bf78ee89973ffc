import { byCode, byText } from '../model/collation.js';
import type { Event, Graph } from '../model/graph.js';
import { nameKey, seriesKey } from '../model/keys.js';
import type { EventFormat } from '../model/records.js';

export type EventTiming = 'UPCOMING' | 'PAST';

export interface EventFilter {
  readonly language?: string | null;
  readonly city?: string | null;
  readonly format?: EventFormat | null;
  readonly tag?: string | null;
  readonly category?: string | null;
  readonly series?: string | null;
  readonly speaker?: string | null;
  readonly project?: string | null;
  readonly year?: number | null;
  /** Inclusive local dates `YYYY-MM-DD`. */
  readonly from?: string | null;
  readonly to?: string | null;
  /** Relative to `now`: events that have not ended yet, or have. */
  readonly timing?: EventTiming | null;
  /** Ids allowed by a free-text search, when one was given. */
  readonly ids?: ReadonlySet<string> | null;
}

export type EventOrder = 'DATE_DESC' | 'DATE_ASC' | 'TITLE_ASC';

const fold = (s: string) => nameKey(s);

/** The day an event is listed under: its own date, else its publication day. */
export function dayOf(e: Event): string | null {
  return e.date ?? e.published?.slice(0, 10) ?? null;
}

/**
 * When an event is over: its end, else its start, else the end of its day in its own offset.
 * Null when the page states no day at all.
 */
export function endInstant(e: Event): number | null {
  if (e.endsAt) return Date.parse(e.endsAt);
  if (e.startsAt) return Date.parse(e.startsAt);
  const day = dayOf(e);
  return day ? Date.parse(`${day}T23:59:59${e.utcOffset}`) : null;
}

/** Events matching every given criterion, in the requested order (newest first by default). */
export function selectEvents(graph: Graph, filter: EventFilter = {}, order: EventOrder = 'DATE_DESC', now: Date = new Date()): Event[] {
  const speakerEvents = filter.speaker ? new Set(graph.speakers.get(filter.speaker)?.eventIds ?? []) : null;
  const projectEvents = filter.project ? new Set(graph.projects.get(filter.project.trim().toLowerCase())?.eventIds ?? []) : null;
  const tagEvents = filter.tag ? new Set(graph.eventsByTag.get(fold(filter.tag)) ?? []) : null;
  const series = filter.series ? seriesKey(filter.series) : null;
  const nowMs = now.getTime();
  const year = filter.year == null ? null : String(filter.year);
  const matches = (e: Event): boolean => {
    const day = dayOf(e);
    const end = endInstant(e);
    return (
      (filter.ids == null || filter.ids.has(e.id)) &&
      (filter.language == null || e.language === filter.language) &&
      (filter.city == null || (e.city !== null && fold(e.city) === fold(filter.city))) &&
      (filter.format == null || e.format === filter.format) &&
      (tagEvents === null || tagEvents.has(e.id)) &&
      (filter.category == null || e.categories.some((c) => fold(c) === fold(filter.category ?? ''))) &&
      (series === null || (e.series !== null && seriesKey(e.series) === series)) &&
      (speakerEvents === null || speakerEvents.has(e.id)) &&
      (projectEvents === null || projectEvents.has(e.id)) &&
      (year === null || (day !== null && day.startsWith(year))) &&
      (filter.from == null || (day !== null && day >= filter.from)) &&
      (filter.to == null || (day !== null && day <= filter.to)) &&
      (filter.timing == null || (end !== null && (filter.timing === 'UPCOMING' ? end >= nowMs : end < nowMs)))
    );
  };
  const selected: Event[] = [];
  for (const id of graph.eventOrder) {
    const e = graph.events.get(id);
    if (e && matches(e)) selected.push(e);
  }
  if (order === 'DATE_ASC') selected.reverse();
  if (order === 'TITLE_ASC') selected.sort((a, b) => byText(a.title, b.title) || byCode(a.id, b.id));
  return selected;
}
