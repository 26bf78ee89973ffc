import { byCode, byText } from '../model/collation.js';
import type { Graph, Project, Speaker } from '../model/graph.js';
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

const cache = new WeakMap<Graph, GraphStats>();

/** Dashboard figures of a graph, computed once per graph version (graphs are immutable). */
export function statsOf(graph: Graph): GraphStats {
  const known = cache.get(graph);
  if (known) return known;
  const events = [...graph.events.values()];
  const count = (key: (e: (typeof events)[number]) => string | null) => {
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
    eventsByYear: count((e) => dayOf(e)?.slice(0, 4) ?? null).sort((a, b) => byCode(b.key, a.key)),
    eventsByCity: count((e) => e.city),
    eventsByFormat: count((e) => e.format),
    eventsBySeries: count((e) => e.series),
    speakersByTalks: [...graph.speakers.values()].sort((a, b) => b.talkIds.length - a.talkIds.length || byText(a.name, b.name)),
    projectsByTalks: [...graph.projects.values()].sort((a, b) => b.talkIds.length - a.talkIds.length || byCode(a.slug, b.slug)),
  };
  cache.set(graph, stats);
  return stats;
}
