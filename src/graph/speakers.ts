import { byCode, byText } from '../model/collation.js';
import type { Speaker } from '../model/graph.js';
import type { PageRecord } from '../model/records.js';
import type { PageIndex } from './page-index.js';
import type { Ordering } from './shift.js';
import { resorted, byPlace } from './sorted.js';
import { mentionKeys, mergeSpeakers, type FirstMentioned, type MentionPage } from './speaker-groups.js';

/** The pages the builder knows: records by path, and pages as merging reads them. */
export interface PageLookup {
  recordAt(path: string): PageRecord | null;
  /** The loaded pages among `paths`, in path order. */
  pagesAt(paths: Iterable<string>): MentionPage[];
}

/** The speakers of a graph version: the map in order of first mention, and the ids by name. */
export interface SpeakerList {
  readonly map: ReadonlyMap<string, Speaker>;
  readonly order: readonly string[];
}

/**
 * The graph's speakers, kept up to date as pages change: only the people a change names (with
 * everyone linked to them by a shared name or alias) are merged again.
 */
export class Speakers {
  private readonly idOfKey = new Map<string, string>();
  /** Speakers in the order of their first mention (the graph's map order). */
  private places: FirstMentioned<Speaker>[] = [];

  /** The speaker id a name key belongs to. */
  idOf(key: string): string | undefined {
    return this.idOfKey.get(key);
  }

  /**
   * Merges again the people named under `seeds`. Pages whose names now map to another speaker id
   * are added to `rebuild`.
   */
  remerge(seeds: ReadonlySet<string>, index: PageIndex, pages: PageLookup, order: Ordering, rebuild: Set<string>, previous: SpeakerList): SpeakerList {
    const reached = new Set<string>();
    const queue = [...seeds].filter((k) => index.namingKey(k).size > 0);
    for (const k of queue) reached.add(k);
    // Every key named anywhere is a seed (a first build): the walk could reach nothing more.
    if (reached.size === index.keyCount) queue.length = 0;
    while (queue.length) {
      const key = queue.pop() as string;
      for (const path of index.namingKey(key)) {
        for (const m of pages.recordAt(path)?.speakers ?? []) {
          const keys = mentionKeys(m);
          if (!keys.includes(key)) continue;
          for (const k of keys) {
            if (!reached.has(k)) {
              reached.add(k);
              queue.push(k);
            }
          }
        }
      }
    }
    const paths = new Set<string>();
    for (const key of reached) for (const path of index.namingKey(key)) paths.add(path);
    const merged = mergeSpeakers(pages.pagesAt(paths), (k) => reached.has(k), order);

    const gone = new Set<string>();
    for (const key of [...seeds, ...reached]) {
      const before = this.idOfKey.get(key);
      if (before !== undefined) gone.add(before);
      const after = merged.idOfKey.get(key);
      if (after === undefined) this.idOfKey.delete(key);
      else this.idOfKey.set(key, after);
      if (before !== after) for (const path of index.namingKey(key)) rebuild.add(path);
    }
    if (gone.size === 0 && merged.speakers.length === 0) return previous;
    this.places = resorted(this.places, new Set(this.places.filter((s) => gone.has(s.value.id))), merged.speakers, byPlace);
    const map = new Map(this.places.map((s) => [s.value.id, s.value]));
    const byName = (a: string, b: string) => byText(map.get(a)?.name ?? '', map.get(b)?.name ?? '') || byCode(a, b);
    return { map, order: resorted(previous.order, gone, merged.speakers.map((s) => s.value.id), byName) };
  }
}
