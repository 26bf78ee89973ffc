import type { Graph } from '../model/graph.js';
import { buildSearchIndex, type SearchType } from './search-index.js';

/** Ids of the objects of `type` that a free-text query finds (the index is built once per graph). */
export function idsMatching(graph: Graph, query: string, type: SearchType): Set<string> {
  return new Set(buildSearchIndex(graph).search(query, { types: [type] }).map((h) => h.id));
}

/** Events a free-text query finds, directly or through one of their talks. */
export function eventIdsMatching(graph: Graph, query: string): Set<string> {
  const ids = idsMatching(graph, query, 'EVENT');
  for (const talkId of idsMatching(graph, query, 'TALK')) {
    const eventId = graph.talks.get(talkId)?.eventId;
    if (eventId) ids.add(eventId);
  }
  return ids;
}
