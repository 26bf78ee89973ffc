import type { Diagnostic } from '../diagnostics.js';
import type { ExtractOptions } from '../extract/extract-page.js';
import { buildGraph, type Graph } from '../model/graph.js';
import type { PageRecord } from '../model/records.js';
import { discoverPages } from './discover.js';
import { forEachLimited } from './for-each-limited.js';
import { loadPage } from './load-page.js';

export interface LoadedPages {
  /** Records of the pages that loaded, in path order. */
  readonly records: readonly PageRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** Markdown pages found, section pages excluded. */
  readonly filesFound: number;
}

export interface LoadResult {
  readonly graph: Graph;
  readonly filesFound: number;
}

/** Pages read at once: enough to overlap file I/O, few enough to bound open files. */
const CONCURRENCY = 32;

/**
 * files → parsed pages → records. Section pages (`_index.md`) are not events; a page that fails
 * is reported and left out, every other page is kept.
 */
export async function loadPages(root: string, options: ExtractOptions = {}): Promise<LoadedPages> {
  const files = (await discoverPages(root)).filter((f) => !f.isSection);
  const results = new Array<{ record: PageRecord | null; diagnostics: readonly Diagnostic[] }>(files.length);
  await forEachLimited(files, CONCURRENCY, async (file, i) => {
    results[i] = await loadPage(file, options);
  });
  return {
    records: results.flatMap((r) => (r.record ? [r.record] : [])),
    diagnostics: results.flatMap((r) => r.diagnostics),
    filesFound: files.length,
  };
}

/** The whole content folder as one graph. */
export async function loadContent(root: string, options: ExtractOptions = {}): Promise<LoadResult> {
  const { records, diagnostics, filesFound } = await loadPages(root, options);
  return { graph: buildGraph(records, diagnostics), filesFound };
}
