import DataLoader from 'dataloader';
import type { ContentChange } from '../model/source.js';
import type { Event, Graph, Project, Resource, Speaker, Talk } from '../model/graph.js';

/** Content reloads as a stream a subscription can follow. */
export interface ChangeFeed {
  subscribe(): AsyncIterable<ContentChange>;
}

/**
 * A fresh context per request: the graph version the request started with (so a reload never
 * mixes two versions into one answer) and fresh DataLoaders that batch every relation lookup.
 */
export interface Context {
  readonly graph: Graph;
  readonly loaders: Loaders;
  /** Number of batch calls the loaders made for this request (observability and tests). */
  readonly batchCalls: { count: number };
  /** The moment "upcoming" and "past" are measured from; fixed per request. */
  readonly now: Date;
  readonly changes: ChangeFeed;
}

export interface Loaders {
  readonly event: DataLoader<string, Event>;
  readonly talk: DataLoader<string, Talk>;
  readonly speaker: DataLoader<string, Speaker>;
  readonly resource: DataLoader<string, Resource>;
  readonly project: DataLoader<string, Project>;
}

const noChanges: ChangeFeed = {
  async *subscribe() {
    // A fixed graph never changes: the stream stays open and silent.
    await new Promise<never>(() => undefined);
  },
};

export function createContext(graph: Graph, now: Date = new Date(), changes: ChangeFeed = noChanges): Context {
  const batchCalls = { count: 0 };
  /** A loader over one id index; a missing id yields an Error in its slot, as DataLoader expects. */
  const loader = <T>(typeName: string, index: ReadonlyMap<string, T>) =>
    new DataLoader<string, T>(async (ids) => {
      batchCalls.count++;
      return ids.map((id) => index.get(id) ?? new Error(`no ${typeName} with id "${id}"`));
    });
  return {
    graph,
    now,
    changes,
    batchCalls,
    loaders: {
      event: loader('Event', graph.events),
      talk: loader('Talk', graph.talks),
      speaker: loader('Speaker', graph.speakers),
      resource: loader('Resource', graph.resources),
      project: loader('Project', graph.projects),
    },
  };
}

/** Loads ids for `node(id)`: an id that names nothing resolves to null, not an error. */
export async function loadOrNull<T>(loader: DataLoader<string, T>, ids: readonly string[]): Promise<(T | null)[]> {
  const results = await loader.loadMany(ids);
  return results.map((r) => (r instanceof Error ? null : (r as T)));
}
