import type { Graph, Talk } from '../model/graph.js';
import { dayOf } from '../model/local-time.js';
import type { ResourceKind } from '../model/records.js';
import { allowedBySearch, inYear, projectKeyOf, type CommonFilter } from './filters.js';

export interface TalkFilter extends CommonFilter {
  /** Event id. */
  readonly event?: string | null;
  readonly hasSlides?: boolean | null;
  readonly hasVideo?: boolean | null;
}

/** Talks matching every criterion, events newest first, talks in page order. */
export function selectTalks(graph: Graph, filter: TalkFilter = {}): Talk[] {
  const project = projectKeyOf(filter);
  // Start from the shortest list the filter names rather than every talk.
  const base = filter.event
    ? (graph.events.get(filter.event)?.talkIds ?? [])
    : filter.speaker
      ? (graph.speakers.get(filter.speaker)?.talkIds ?? [])
      : project !== null
        ? (graph.projects.get(project)?.talkIds ?? [])
        : graph.talkOrder;
  const has = (t: Talk, kind: ResourceKind) => t.resourceIds.some((id) => graph.resources.get(id)?.kind === kind);
  const out: Talk[] = [];
  for (const id of base) {
    const t = graph.talks.get(id);
    if (!t) continue;
    const event = graph.events.get(t.eventId);
    const ok =
      allowedBySearch(t.id, filter) &&
      (filter.event == null || t.eventId === filter.event) &&
      (filter.speaker == null || t.speakerIds.includes(filter.speaker)) &&
      (project === null || t.projectIds.includes(project)) &&
      inYear(event ? dayOf(event) : null, filter.year) &&
      (filter.hasSlides == null || has(t, 'SLIDES') === filter.hasSlides) &&
      (filter.hasVideo == null || has(t, 'VIDEO') === filter.hasVideo);
    if (ok) out.push(t);
  }
  return out;
}
