import type { Graph } from '../model/graph.js';
import { searchIndexFor, type SearchType } from './search-index.js';

/** Ids of the objects of `type` that a free-text query finds. */
export async function idsMatching(graph: Graph, query: string, type: SearchType): Promise<Set<string>> {
  const index = await searchIndexFor(graph);
  return new Set(index.search(query, { types: [type] }).map((h) => h.id));
}

/** Events a free-text query finds, directly or through one of their talks. */
export async function eventIdsMatching(graph: Graph, query: string): Promise<Set<string>> {
  const index = await searchIndexFor(graph);
  const ids = new Set(index.search(query, { types: ['EVENT'] }).map((h) => h.id));
  for (const hit of index.search(query, { types: ['TALK'] })) {
    const eventId = graph.talks.get(hit.id)?.eventId;
    if (eventId) ids.add(eventId);
  }
  return ids;
}
