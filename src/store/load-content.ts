import { lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ExtractOptions } from '../extract/extract-page.js';
import { buildGraph } from '../graph/graph-builder.js';
import type { Graph } from '../model/graph.js';
import type { PageRecord } from '../model/records.js';
import { discoverPages, type PageFile } from '../content/discover.js';
import { forEachLimited } from '../content/for-each-limited.js';
import type { LoadedPage } from '../model/records.js';
import { stampOf, type FileStamp } from '../content/read-page-file.js';
import { loadPage, type LoadedFile, type PageCache, type PageReader } from './load-page.js';
import { ParsePool } from './parse-pool.js';

export interface LoadedPages {
  /** Every page found, by path, with what reading it gave (a record or the reasons there is none). */
  readonly pages: ReadonlyMap<string, LoadedPage>;
  /** The stamp of each page's file as it was read (absent when it could not be read). */
  readonly stamps: ReadonlyMap<string, FileStamp>;
  /** Records of the pages that loaded, in path order. */
  readonly records: readonly PageRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** Markdown pages found, section pages excluded. */
  readonly filesFound: number;
  /** Pages parsed in worker threads (the others came from the cache or the main thread). */
  readonly parsedInWorkers: number;
}

export interface LoadResult {
  readonly graph: Graph;
  readonly filesFound: number;
}

/** Pages read at once: enough to overlap file I/O, few enough to bound open files. */
const CONCURRENCY = 64;
/** Pages from which parsing in worker threads pays for their start (a few hundred ms). */
const PARALLEL_FROM = 300;

export interface LoadOptions {
  /** Pages read in earlier runs (see ParseCache). */
  readonly cache?: PageCache;
  /** Parse in worker threads when the folder is large and the machine has several cores. */
  readonly parallel?: boolean;
  /** Parse in this many worker threads whatever the folder's size and the cores (tests). */
  readonly workers?: number;
  /**
   * Look for unchanged files in the cache by stamping them with synchronous `lstat`s first, in
   * slices between turns of the event loop (start-up): one is a fifth of what an `lstat` through
   * the thread pool costs the main thread, and at 10,000 cached pages those were most of the
   * reading. A file system that stops answering then holds up the event loop rather than one of
   * the pool's threads; at start-up nothing is served yet, and the listing waits on it anyway.
   */
  readonly stampFirst?: boolean;
  /** The folder's page files (section pages excluded) when the caller has just listed them. */
  readonly files?: readonly PageFile[];
}

/** Files stamped synchronously between two turns of the event loop. */
const STAMP_SLICE = 256;

/**
 * files → parsed pages → records. Section pages (`_index.md`) are not events; a page that fails
 * is reported and left out, every other page is kept.
 */
export async function loadPages(root: string, options: ExtractOptions = {}, how: LoadOptions = {}): Promise<LoadedPages> {
  const files = how.files ?? (await discoverPages(root)).filter((f) => !f.isSection);
  const { results, parsedInWorkers } = await loadFiles(files, options, how);
  const pages = results.map((r) => r.page);
  const stamps = new Map<string, FileStamp>();
  files.forEach((f, i) => {
    const stamp = results[i]?.stamp;
    if (stamp) stamps.set(f.sourcePath, stamp);
  });
  return {
    pages: new Map(files.map((f, i) => [f.sourcePath, pages[i] ?? { record: null, diagnostics: [] }])),
    stamps,
    records: pages.flatMap((r) => (r.record ? [r.record] : [])),
    diagnostics: pages.flatMap((r) => r.diagnostics),
    filesFound: files.length,
    parsedInWorkers,
  };
}

/**
 * Reads `files` (in their order), parsing in worker threads when there are many and the machine
 * has cores to spare: at start-up, and when thousands of files arrive at once.
 */
export async function loadFiles(
  files: readonly PageFile[],
  options: ExtractOptions,
  how: LoadOptions = {},
): Promise<{ results: LoadedFile[]; parsedInWorkers: number }> {
  const results = new Array<LoadedFile>(files.length);
  const parallel = how.workers !== undefined || (how.parallel && files.length >= PARALLEL_FROM && availableParallelism() > 1);
  // Started at the first page the cache does not have: a warm start then needs no workers at all.
  let pool: ParsePool | null = null;
  const reader: PageReader | undefined = parallel ? (f, t, o) => (pool ??= new ParsePool(how.workers)).parse(f, t, o) : undefined;
  const cache = how.cache;
  if (cache && how.stampFirst) await stampCached(files, cache, results);
  try {
    await forEachLimited(files, CONCURRENCY, async (file, i) => {
      results[i] ??= await loadPage(file, options, cache, reader);
    });
  } finally {
    await (pool as ParsePool | null)?.close();
  }
  return { results, parsedInWorkers: (pool as ParsePool | null)?.parsed ?? 0 };
}

/**
 * Fills `results` with the pages of `files` that the cache has for their stamp (a regular file
 * with the size, mtime and inode it had when read); the others are left for `loadPage`.
 */
async function stampCached(files: readonly PageFile[], cache: PageCache, results: LoadedFile[]): Promise<void> {
  for (let start = 0; start < files.length; start += STAMP_SLICE) {
    if (start > 0) await new Promise((next) => setImmediate(next));
    for (let i = start; i < Math.min(files.length, start + STAMP_SLICE); i++) {
      const file = files[i] as PageFile;
      if (file.refusal) continue;
      let stats;
      try {
        stats = lstatSync(file.absolutePath, { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (!stats?.isFile()) continue;
      const stamp = stampOf(stats);
      const page = cache.getByStamp(file.sourcePath, stamp);
      if (page) results[i] = { page, stamp };
    }
  }
}

/** The whole content folder as one graph. */
export async function loadContent(root: string, options: ExtractOptions = {}): Promise<LoadResult> {
  const { records, diagnostics, filesFound } = await loadPages(root, options);
  return { graph: buildGraph(records, diagnostics), filesFound };
}
