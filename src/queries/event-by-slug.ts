import type { Graph } from '../model/graph.js';
import { slugKey } from '../model/keys.js';

/**
 * The id of the event a slug names: in `language` when one is given (slugs are unique per
 * language), else the first language's in path order.
 */
export function eventIdBySlug(graph: Graph, slug: string, language?: string | null): string | undefined {
  return language != null ? graph.eventBySlug.get(slugKey(language, slug)) : graph.eventsBySlug.get(slug)?.[0];
}
