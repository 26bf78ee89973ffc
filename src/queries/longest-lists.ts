import type { Graph } from '../model/graph.js';
import { EVENT_FACT_FIELDS } from '../model/records.js';
import { EVENT_BUCKETS } from './stats.js';

/**
 * How to find the longest list of each kind in a graph: the most talks any event has, the most
 * speakers any talk has, and so on for every list the API serves without a size argument. A
 * query's cost prices such a list by these, so nested lists are priced at what this content can
 * make them hold rather than at a guess that a speaker with 40 talks would exceed.
 */
const MEASURES = {
  eventTalks: (g: Graph) => longest(g.events.values(), (e) => e.talkIds.length),
  eventSpeakers: (g: Graph) => longest(g.events.values(), (e) => e.speakerIds.length),
  eventResources: (g: Graph) => longest(g.events.values(), (e) => e.resourceIds.length),
  eventProjects: (g: Graph) => longest(g.events.values(), (e) => e.projectIds.length),
  eventFactSources: (g: Graph) => longest(g.events.values(), (e) => EVENT_FACT_FIELDS.reduce((n, field) => (e.sources[field] ? n + 1 : n), 0)),
  talkSpeakers: (g: Graph) => longest(g.talks.values(), (t) => t.speakerIds.length),
  talkResources: (g: Graph) => longest(g.talks.values(), (t) => t.resourceIds.length),
  talkProjects: (g: Graph) => longest(g.talks.values(), (t) => t.projectIds.length),
  speakerTalks: (g: Graph) => longest(g.speakers.values(), (s) => s.talkIds.length),
  speakerEvents: (g: Graph) => longest(g.speakers.values(), (s) => s.eventIds.length),
  speakerCoSpeakers: (g: Graph) => longest(g.speakers.values(), (s) => coSpeakerCount(g, s.id, s.talkIds)),
  speakerSources: (g: Graph) => longest(g.speakers.values(), (s) => s.sources.length),
  projectTalks: (g: Graph) => longest(g.projects.values(), (p) => p.talkIds.length),
  projectEvents: (g: Graph) => longest(g.projects.values(), (p) => p.eventIds.length),
  projectSources: (g: Graph) => longest(g.projects.values(), (p) => p.sources.length),
  diagnostics: (g: Graph) => g.diagnostics.length,
  eventsByYear: (g: Graph) => distinct(g, EVENT_BUCKETS.eventsByYear),
  eventsByCity: (g: Graph) => distinct(g, EVENT_BUCKETS.eventsByCity),
  eventsByFormat: (g: Graph) => distinct(g, EVENT_BUCKETS.eventsByFormat),
  eventsBySeries: (g: Graph) => distinct(g, EVENT_BUCKETS.eventsBySeries),
} as const satisfies Record<string, (graph: Graph) => number>;

export type ListKind = keyof typeof MEASURES;

/** Each kind's longest list per graph, measured when a query first needs it. */
const measured = new WeakMap<Graph, Map<ListKind, number>>();

/**
 * The longest list of `kind` in `graph`, measured once per graph version (graphs are immutable)
 * and only when asked: after a reload, a query that walks no list costs no pass over the graph.
 */
export function longestList(graph: Graph, kind: ListKind): number {
  let known = measured.get(graph);
  if (!known) measured.set(graph, (known = new Map()));
  let length = known.get(kind);
  if (length === undefined) known.set(kind, (length = MEASURES[kind](graph)));
  return length;
}

/** The largest `lengthOf` over `items`, 0 for none. */
function longest<T>(items: Iterable<T>, lengthOf: (item: T) => number): number {
  let max = 0;
  for (const item of items) {
    const n = lengthOf(item);
    if (n > max) max = n;
  }
  return max;
}

/** How many buckets a Stats list has: the distinct values its events have. */
function distinct(graph: Graph, key: (typeof EVENT_BUCKETS)[keyof typeof EVENT_BUCKETS]): number {
  const seen = new Set<string>();
  for (const e of graph.events.values()) {
    const k = key(e);
    if (k !== null) seen.add(k);
  }
  return seen.size;
}

/** People who share a talk with one speaker, as `Speaker.coSpeakers` lists them (each once). */
function coSpeakerCount(graph: Graph, speakerId: string, talkIds: readonly string[]): number {
  const others = new Set<string>();
  for (const talkId of talkIds) {
    for (const other of graph.talks.get(talkId)?.speakerIds ?? []) if (other !== speakerId) others.add(other);
  }
  return others.size;
}
