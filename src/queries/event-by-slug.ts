import type { Graph } from '../model/graph.js';

/**
 * The id of the event a slug names: in `language` when one is given (slugs are unique per
 * language), else the first language's in path order.
 */
export function eventIdBySlug(graph: Graph, slug: string, language?: string | null): string | undefined {
  return language != null ? graph.eventBySlug.get(`${language}\u0000${slug}`) : graph.eventsBySlug.get(slug)?.[0];
}
