import type { Diagnostic } from '../diagnostics.js';
import type { ExtractOptions } from '../extract/extract-page.js';
import { buildGraph, type Graph } from '../model/graph.js';
import type { PageRecord } from '../model/records.js';
import { discoverPages } from './discover.js';
import { loadPage } from './load-page.js';

export interface LoadResult {
  readonly graph: Graph;
  /** Markdown files found, section pages included. */
  readonly filesFound: number;
}

/** Pages read at once: enough to overlap file I/O, few enough to bound open files. */
const CONCURRENCY = 32;

/**
 * files → parsed pages → records → graph. Section pages (`_index.md`) are not events; a page
 * that fails is reported and left out, every other page is served.
 */
export async function loadContent(root: string, options: ExtractOptions = {}): Promise<LoadResult> {
  const files = (await discoverPages(root)).filter((f) => !f.isSection);
  const results = new Array<{ record: PageRecord | null; diagnostics: readonly Diagnostic[] }>(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i];
      if (file) results[i] = await loadPage(file, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  const records = results.flatMap((r) => (r.record ? [r.record] : []));
  const diagnostics = results.flatMap((r) => r.diagnostics);
  return { graph: buildGraph(records, diagnostics), filesFound: files.length };
}
