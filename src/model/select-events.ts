import { nameKey } from './names.js';
import type { Event, Graph } from './graph.js';
import type { EventFormat } from './records.js';

export interface EventFilter {
  readonly language?: string | null;
  readonly city?: string | null;
  readonly format?: EventFormat | null;
  readonly tag?: string | null;
  readonly category?: string | null;
  readonly speaker?: string | null;
  readonly project?: string | null;
  /** Inclusive local dates `YYYY-MM-DD`. */
  readonly from?: string | null;
  readonly to?: string | null;
}

export type EventOrder = 'DATE_DESC' | 'DATE_ASC' | 'TITLE_ASC';

const fold = (s: string) => nameKey(s);

/** Events matching every given criterion, in the requested order (newest first by default). */
export function selectEvents(graph: Graph, filter: EventFilter = {}, order: EventOrder = 'DATE_DESC'): Event[] {
  const speakerEvents = filter.speaker ? new Set(graph.speakers.get(filter.speaker)?.eventIds ?? []) : null;
  const projectEvents = filter.project ? new Set(graph.projects.get(filter.project.toLowerCase())?.eventIds ?? []) : null;
  const matches = (e: Event): boolean =>
    (filter.language == null || e.language === filter.language) &&
    (filter.city == null || (e.city !== null && fold(e.city) === fold(filter.city))) &&
    (filter.format == null || e.format === filter.format) &&
    (filter.tag == null || e.tags.some((t) => fold(t) === fold(filter.tag ?? ''))) &&
    (filter.category == null || e.categories.some((c) => fold(c) === fold(filter.category ?? ''))) &&
    (speakerEvents === null || speakerEvents.has(e.id)) &&
    (projectEvents === null || projectEvents.has(e.id)) &&
    (filter.from == null || (e.date !== null && e.date >= filter.from)) &&
    (filter.to == null || (e.date !== null && e.date <= filter.to));
  const selected: Event[] = [];
  for (const id of graph.eventOrder) {
    const e = graph.events.get(id);
    if (e && matches(e)) selected.push(e);
  }
  if (order === 'DATE_ASC') selected.reverse();
  if (order === 'TITLE_ASC') selected.sort((a, b) => a.title.localeCompare(b.title, 'zh') || a.id.localeCompare(b.id));
  return selected;
}
