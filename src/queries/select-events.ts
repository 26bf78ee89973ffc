import { byCode, byText } from '../model/collation.js';
import type { Event, Graph } from '../model/graph.js';
import { nameKey, seriesKey } from '../model/keys.js';
import { dayOf } from '../model/local-time.js';
import type { EventFormat } from '../model/records.js';
import { allowedBySearch, inYear, projectKeyOf, type CommonFilter } from './filters.js';

export type EventTiming = 'UPCOMING' | 'PAST';

export interface EventFilter extends CommonFilter {
  readonly language?: string | null;
  readonly city?: string | null;
  readonly format?: EventFormat | null;
  readonly tag?: string | null;
  readonly category?: string | null;
  readonly series?: string | null;
  /** Inclusive local dates `YYYY-MM-DD`. */
  readonly from?: string | null;
  readonly to?: string | null;
  /** Relative to `now`: events that have not ended yet, or have. */
  readonly timing?: EventTiming | null;
}

export type EventOrder = 'DATE_DESC' | 'DATE_ASC' | 'TITLE_ASC';

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
  const project = projectKeyOf(filter);
  const projectEvents = project === null ? null : new Set(graph.projects.get(project)?.eventIds ?? []);
  const tagEvents = filter.tag ? new Set(graph.eventsByTag.get(nameKey(filter.tag)) ?? []) : null;
  const series = filter.series ? seriesKey(filter.series) : null;
  const city = filter.city != null ? nameKey(filter.city) : null;
  const category = filter.category != null ? nameKey(filter.category) : null;
  const nowMs = now.getTime();
  // Only what the filter asks for is worked out per event: a plain listing reads every event.
  const byDay = filter.year != null || filter.from != null || filter.to != null;
  const matches = (e: Event): boolean => {
    const day = byDay ? dayOf(e) : null;
    const end = filter.timing != null ? endInstant(e) : null;
    return (
      allowedBySearch(e.id, filter) &&
      (filter.language == null || e.language === filter.language) &&
      (city === null || (e.city !== null && nameKey(e.city) === city)) &&
      (filter.format == null || e.format === filter.format) &&
      (tagEvents === null || tagEvents.has(e.id)) &&
      (category === null || e.categories.some((c) => nameKey(c) === category)) &&
      (series === null || (e.series !== null && seriesKey(e.series) === series)) &&
      (speakerEvents === null || speakerEvents.has(e.id)) &&
      (projectEvents === null || projectEvents.has(e.id)) &&
      inYear(day, filter.year) &&
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
