import { stat } from 'node:fs/promises';
import type { PageFile } from '../content/discover.js';
import { readPageFile } from '../content/page-size.js';
import { messageOf, parsePage, type PageSource } from '../content/parse-page.js';
import { extractPage, type ExtractOptions } from '../extract/extract-page.js';
import { diagnostic } from '../model/diagnostics.js';
import type { LoadedPage } from '../model/records.js';

/** Pages read before, by file stamp or by exact text (see ParseCache). */
export interface PageCache {
  getByStamp(sourcePath: string, stamp: { mtimeMs: number; size: number }): LoadedPage | undefined;
  get(sourcePath: string, text: string): LoadedPage | undefined;
  set(sourcePath: string, text: string, page: LoadedPage, stamp?: { mtimeMs: number; size: number }): void;
}

/** Reads a page's text somewhere else (a worker thread). */
export type PageReader = (file: PageFile, text: string, options: ExtractOptions) => Promise<LoadedPage>;

/**
 * One page file → its record: from the parse cache when the file (or its text) is unchanged,
 * else read, parsed and extracted. Never throws: problems become diagnostics.
 */
export async function loadPage(file: PageFile, options: ExtractOptions = {}, cache?: PageCache, reader?: PageReader): Promise<LoadedPage> {
  const stamp = cache ? await stat(file.absolutePath).catch(() => null) : null;
  const unchanged = stamp ? cache?.getByStamp(file.sourcePath, stamp) : undefined;
  if (unchanged) return unchanged;
  let text: string;
  try {
    const read = await readPageFile(file.absolutePath);
    if (read.tooLarge) return { record: null, diagnostics: [diagnostic('PAGE_TOO_LARGE', { path: file.sourcePath, line: read.tooLarge.line }, read.tooLarge)] };
    text = read.text;
  } catch (error) {
    return { record: null, diagnostics: [diagnostic('UNREADABLE_FILE', { path: file.sourcePath }, { problem: messageOf(error) })] };
  }
  const known = cache?.get(file.sourcePath, text);
  if (known) {
    if (stamp) cache?.set(file.sourcePath, text, known, stamp);
    return known;
  }
  const page = reader ? await reader(file, text, options) : readPage(file, text, options);
  cache?.set(file.sourcePath, text, page, stamp ?? undefined);
  return page;
}

/** Text already in memory → its record (parse workers, tests). */
export function readPage(file: PageSource, text: string, options: ExtractOptions = {}): LoadedPage {
  const { page, diagnostics } = parsePage(file, text);
  if (!page) return { record: null, diagnostics };
  const { record, doubts } = extractPage(page, options);
  return { record, diagnostics: [...diagnostics, ...doubts] };
}
