import { byCode } from '../model/collation.js';
import type { Graph, Project } from '../model/graph.js';

export type ProjectOrder = 'SLUG' | 'TALK_COUNT';

/** Projects by slug, or by number of talks that link them (most first). */
export function selectProjects(graph: Graph, order: ProjectOrder = 'SLUG'): Project[] {
  const out = graph.projectOrder.flatMap((id) => {
    const p = graph.projects.get(id);
    return p ? [p] : [];
  });
  if (order === 'TALK_COUNT') out.sort((a, b) => b.talkIds.length - a.talkIds.length || byCode(a.slug, b.slug));
  return out;
}
