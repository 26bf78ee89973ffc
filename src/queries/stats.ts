import { byCode, byText } from '../model/collation.js';
import type { Event, Graph, Project, Speaker } from '../model/graph.js';
import { dayOf } from '../model/local-time.js';

export interface Bucket {
  readonly key: string;
  readonly count: number;
}

export interface GraphStats {
  readonly events: number;
  readonly talks: number;
  readonly speakers: number;
  readonly projects: number;
  readonly resources: number;
  readonly eventsByYear: readonly Bucket[];
  readonly eventsByCity: readonly Bucket[];
  readonly eventsByFormat: readonly Bucket[];
  readonly eventsBySeries: readonly Bucket[];
  /** Every speaker and project by talk count, most first; the schema takes the first N. */
  readonly speakersByTalks: readonly Speaker[];
  readonly projectsByTalks: readonly Project[];
}

/** What each list of buckets groups events by; an event with no such value is in none. */
export const EVENT_BUCKETS = {
  eventsByYear: (e: Event) => dayOf(e)?.slice(0, 4) ?? null,
  eventsByCity: (e: Event) => e.city,
  eventsByFormat: (e: Event) => e.format,
  eventsBySeries: (e: Event) => e.series,
} as const satisfies Record<string, (e: Event) => string | null>;

const cache = new WeakMap<Graph, GraphStats>();

/** Dashboard figures of a graph, computed once per graph version (graphs are immutable). */
export function statsOf(graph: Graph): GraphStats {
  const known = cache.get(graph);
  if (known) return known;
  const events = [...graph.events.values()];
  const count = (key: (e: Event) => string | null) => {
    const counts = new Map<string, number>();
    for (const e of events) {
      const k = key(e);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts.entries()].map(([k, n]) => ({ key: k, count: n })).sort((a, b) => b.count - a.count || byCode(a.key, b.key));
  };
  const stats: GraphStats = {
    events: graph.events.size,
    talks: graph.talks.size,
    speakers: graph.speakers.size,
    projects: graph.projects.size,
    resources: graph.resources.size,
    eventsByYear: count(EVENT_BUCKETS.eventsByYear).sort((a, b) => byCode(b.key, a.key)),
    eventsByCity: count(EVENT_BUCKETS.eventsByCity),
    eventsByFormat: count(EVENT_BUCKETS.eventsByFormat),
    eventsBySeries: count(EVENT_BUCKETS.eventsBySeries),
    speakersByTalks: [...graph.speakers.values()].sort((a, b) => b.talkIds.length - a.talkIds.length || byText(a.name, b.name)),
    projectsByTalks: [...graph.projects.values()].sort((a, b) => b.talkIds.length - a.talkIds.length || byCode(a.slug, b.slug)),
  };
  cache.set(graph, stats);
  return stats;
}
