import type { Graph } from '../model/graph.js';
import { EVENT_FACT_FIELDS } from '../model/records.js';
import { EVENT_BUCKETS } from './stats.js';

/**
 * The longest list of each kind in one graph: the most talks any event has, the most speakers
 * any talk has, and so on for every list the API serves without a size argument. A query's cost
 * prices such a list by these, so nested lists are priced at what this content can make them
 * hold rather than at a guess that a speaker with 40 talks would exceed.
 */
export interface LongestLists {
  readonly eventTalks: number;
  readonly eventSpeakers: number;
  readonly eventResources: number;
  readonly eventProjects: number;
  readonly eventFactSources: number;
  readonly talkSpeakers: number;
  readonly talkResources: number;
  readonly talkProjects: number;
  readonly speakerTalks: number;
  readonly speakerEvents: number;
  readonly speakerCoSpeakers: number;
  readonly speakerSources: number;
  readonly projectTalks: number;
  readonly projectEvents: number;
  readonly projectSources: number;
  readonly diagnostics: number;
  readonly eventsByYear: number;
  readonly eventsByCity: number;
  readonly eventsByFormat: number;
  readonly eventsBySeries: number;
}

export type ListKind = keyof LongestLists;

const cache = new WeakMap<Graph, LongestLists>();

/** The longest lists of a graph, computed once per graph version (graphs are immutable). */
export function longestListsOf(graph: Graph): LongestLists {
  const known = cache.get(graph);
  if (known) return known;
  const lists = measure(graph);
  cache.set(graph, lists);
  return lists;
}

/**
 * One pass over every object of the graph.
 * @returns Each kind's longest list.
 */
function measure(graph: Graph): LongestLists {
  const longest = (lengths: Iterable<number>) => {
    let max = 0;
    for (const n of lengths) if (n > max) max = n;
    return max;
  };
  const events = [...graph.events.values()];
  const talks = [...graph.talks.values()];
  const speakers = [...graph.speakers.values()];
  const projects = [...graph.projects.values()];
  const distinct = (key: (typeof EVENT_BUCKETS)[keyof typeof EVENT_BUCKETS]) => {
    const seen = new Set<string>();
    for (const e of events) {
      const k = key(e);
      if (k !== null) seen.add(k);
    }
    return seen.size;
  };
  return {
    eventTalks: longest(events.map((e) => e.talkIds.length)),
    eventSpeakers: longest(events.map((e) => e.speakerIds.length)),
    eventResources: longest(events.map((e) => e.resourceIds.length)),
    eventProjects: longest(events.map((e) => e.projectIds.length)),
    eventFactSources: longest(events.map((e) => EVENT_FACT_FIELDS.filter((field) => e.sources[field]).length)),
    talkSpeakers: longest(talks.map((t) => t.speakerIds.length)),
    talkResources: longest(talks.map((t) => t.resourceIds.length)),
    talkProjects: longest(talks.map((t) => t.projectIds.length)),
    speakerTalks: longest(speakers.map((s) => s.talkIds.length)),
    speakerEvents: longest(speakers.map((s) => s.eventIds.length)),
    speakerCoSpeakers: longest(speakers.map((s) => coSpeakerCount(graph, s.id, s.talkIds))),
    speakerSources: longest(speakers.map((s) => s.sources.length)),
    projectTalks: longest(projects.map((p) => p.talkIds.length)),
    projectEvents: longest(projects.map((p) => p.eventIds.length)),
    projectSources: longest(projects.map((p) => p.sources.length)),
    diagnostics: graph.diagnostics.length,
    eventsByYear: distinct(EVENT_BUCKETS.eventsByYear),
    eventsByCity: distinct(EVENT_BUCKETS.eventsByCity),
    eventsByFormat: distinct(EVENT_BUCKETS.eventsByFormat),
    eventsBySeries: distinct(EVENT_BUCKETS.eventsBySeries),
  };
}

/** People who share a talk with one speaker, as `Speaker.coSpeakers` lists them (each once). */
function coSpeakerCount(graph: Graph, speakerId: string, talkIds: readonly string[]): number {
  const others = new Set<string>();
  for (const talkId of talkIds) {
    for (const other of graph.talks.get(talkId)?.speakerIds ?? []) if (other !== speakerId) others.add(other);
  }
  return others.size;
}
