import { seriesKey } from '../model/keys.js';
import type { PageRecord } from '../model/records.js';
import { mentionKeys } from './speaker-groups.js';

/** The name keys, project slugs and series keys an update touched: what it reaches on other pages. */
export interface Reach {
  readonly keys: Set<string>;
  readonly projects: Set<string>;
  readonly series: Set<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Which pages name each person (by name key), link each project and belong to each series, so an
 * update to one page finds the other pages it reaches without reading them all.
 */
export class PageIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byProject = new Map<string, Set<string>>();
  private readonly bySeries = new Map<string, Set<string>>();

  /** Adds (+1) or removes (-1) a page's names, projects and series, noting each in `reach`. */
  update(path: string, record: PageRecord, sign: 1 | -1, reach: Reach): void {
    for (const m of record.speakers) {
      for (const key of mentionKeys(m)) {
        reach.keys.add(key);
        indexPath(this.byKey, key, path, sign);
      }
    }
    for (const p of record.projects) {
      reach.projects.add(p.slug);
      indexPath(this.byProject, p.slug, path, sign);
    }
    const series = record.event.series;
    if (series) {
      const key = seriesKey(series);
      reach.series.add(key);
      indexPath(this.bySeries, key, path, sign);
    }
  }

  /** Name keys some page names now. */
  get keyCount(): number {
    return this.byKey.size;
  }

  /** Paths of the pages naming someone by this name key. */
  namingKey(key: string): ReadonlySet<string> {
    return this.byKey.get(key) ?? NONE;
  }

  /** Paths of the pages linking this project. */
  linking(slug: string): ReadonlySet<string> {
    return this.byProject.get(slug) ?? NONE;
  }

  /** Paths of the pages of this series (by series key). */
  ofSeries(key: string): ReadonlySet<string> {
    return this.bySeries.get(key) ?? NONE;
  }
}

function indexPath(index: Map<string, Set<string>>, key: string, path: string, sign: 1 | -1): void {
  const paths = index.get(key);
  if (sign > 0) {
    if (paths) paths.add(path);
    else index.set(key, new Set([path]));
  } else if (paths) {
    paths.delete(path);
    if (paths.size === 0) index.delete(key);
  }
}
