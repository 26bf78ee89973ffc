import { byCode } from '../model/collation.js';
import type { Project } from '../model/graph.js';
import type { PageIndex } from './page-index.js';
import { mergeProjects } from './project-groups.js';
import type { Ordering } from './shift.js';
import { byPlace, resorted } from './sorted.js';
import type { FirstMentioned } from './speaker-groups.js';
import type { PageLookup } from './speakers.js';

/** The projects of a graph version: the map in order of first mention, and the ids by slug. */
export interface ProjectList {
  readonly map: ReadonlyMap<string, Project>;
  readonly order: readonly string[];
}

/** The graph's projects, kept up to date as pages change: only projects a change links are merged again. */
export class Projects {
  /** Projects in the order of their first mention (the graph's map order). */
  private places: FirstMentioned<Project>[] = [];

  /** Merges again the projects under `slugs`. */
  remerge(slugs: ReadonlySet<string>, index: PageIndex, pages: PageLookup, order: Ordering, previous: ProjectList): ProjectList {
    if (slugs.size === 0) return previous;
    const paths = new Set<string>();
    for (const slug of slugs) for (const path of index.linking(slug)) paths.add(path);
    const merged = mergeProjects(pages.pagesAt(paths), (s) => slugs.has(s), order);
    this.places = resorted(this.places, new Set(this.places.filter((p) => slugs.has(p.value.id))), merged, byPlace);
    const map = new Map(this.places.map((p) => [p.value.id, p.value]));
    const projectOrder = resorted(
      previous.order,
      new Set([...slugs].filter((s) => previous.map.has(s))),
      merged.map((p) => p.value.id),
      byCode,
    );
    return { map, order: projectOrder };
  }
}
