import { pathDateOf } from '../content/discover.js';
import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { Graph } from '../model/graph.js';
import { slugKey } from '../model/keys.js';
import type { PageRecord } from '../model/records.js';
import { eventIdOf } from './page-parts.js';

export interface SlugAssignment extends Pick<Graph, 'eventBySlug' | 'eventsBySlug'> {
  /** The slug each page is served under. */
  readonly slugOf: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Slugs in path order: a slug already taken in the same language gets `-2`, `-3` …, with a
 * diagnostic, so every event of a language has its own slug. Dated posts (`_posts/2019-11-21-
 * november-meetup.md`) sharing a name are normal on a blog: each of them is served as
 * `november-meetup-2019-11-21`, without a diagnostic.
 */
export function assignSlugs(pages: Iterable<readonly [string, PageRecord]>): SlugAssignment {
  const eventBySlug = new Map<string, string>();
  const eventsBySlug = new Map<string, string[]>();
  const slugOf = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const all = [...pages];
  // Decided on the whole set, not in path order: adding an older post must not move a newer one's URL.
  const datedNames = new Map<string, number>();
  for (const [path, page] of all) {
    if (pathDateOf(path)) datedNames.set(slugKey(page.language, page.slug), (datedNames.get(slugKey(page.language, page.slug)) ?? 0) + 1);
  }
  for (const [path, page] of all) {
    const key = (slug: string) => slugKey(page.language, slug);
    let slug = page.slug;
    const dated = pathDateOf(path);
    if (dated && (datedNames.get(key(slug)) ?? 0) > 1 && !eventBySlug.has(key(`${slug}-${dated}`))) slug = `${slug}-${dated}`;
    else if (eventBySlug.has(key(slug))) {
      let n = 2;
      while (eventBySlug.has(key(`${page.slug}-${n}`))) n++;
      slug = `${page.slug}-${n}`;
      const other = eventBySlug.get(key(page.slug));
      diagnostics.push(diagnostic('DUPLICATE_SLUG', { path, line: 1 }, { slug: page.slug, takenBy: other ?? null, servedAs: slug }));
    }
    const eventId = eventIdOf(page, slug);
    eventBySlug.set(key(slug), eventId);
    const same = eventsBySlug.get(slug);
    if (same) same.push(eventId);
    else eventsBySlug.set(slug, [eventId]);
    slugOf.set(path, slug);
  }
  return { eventBySlug, eventsBySlug, slugOf, diagnostics };
}
