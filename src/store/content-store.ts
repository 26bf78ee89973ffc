import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { diagnostic } from '../model/diagnostics.js';
import type { ExtractOptions } from '../extract/extract-page.js';
import type { Graph } from '../model/graph.js';
import type { ContentChange } from '../model/source.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import type { LoadedPage } from '../model/records.js';
import { describe, discoverPages, type PageFile } from '../content/discover.js';
import { forEachLimited } from './for-each-limited.js';
import { loadPages } from './load-content.js';
import { loadPage } from './load-page.js';
import { ParseCache } from './parse-cache.js';

const MARKDOWN = /\.(md|markdown)$/i;
/** File events arriving within this window are handled as one reload. */
const SETTLE_MS = 15;

/**
 * The content folder as a graph that follows the files. Edits re-read only the pages that
 * changed and rebuild only the parts of the graph those pages reach; the new immutable graph
 * replaces the old one in one assignment: a request holds the graph it started with, so it never
 * sees a mix of two versions. A page that becomes broken
 * keeps serving its last good version, with a diagnostic, until it is fixed.
 */
export class ContentStore {
  private graph: Graph;
  private readonly builder = new GraphBuilder();
  private watcher: FSWatcher | null = null;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(change: ContentChange) => void>();
  /** Pages parsed in worker threads at start-up. */
  private parsedInWorkers = 0;

  private constructor(
    private readonly root: string,
    private readonly options: ExtractOptions,
    private readonly pages: Map<string, LoadedPage>,
    private readonly cache: ParseCache | null,
  ) {
    this.graph = this.builder.apply(pages);
  }

  /**
   * Reads every page of `root` once. With `parseCacheDir`, pages whose text is unchanged since
   * the last run are taken from the on-disk cache instead of being parsed again. `parseWorkers`
   * parses in that many worker threads whatever the folder's size and the machine (tests).
   */
  static async open(root: string, options: ExtractOptions = {}, store: { parseCacheDir?: string | null; parseWorkers?: number } = {}): Promise<ContentStore> {
    const base = await realpath(root);
    const cache = store.parseCacheDir ? await ParseCache.open(store.parseCacheDir, base, options) : null;
    const loaded = await loadPages(base, options, { cache: cache ?? undefined, parallel: true, workers: store.parseWorkers });
    const pages = new Map<string, LoadedPage>(loaded.pages);
    if (cache) {
      cache.keepOnly(new Set(pages.keys()));
      await cache.save().catch((error: unknown) => console.warn(`parse cache not saved: ${String(error)}`));
    }
    const opened = new ContentStore(base, options, pages, cache);
    opened.parsedInWorkers = loaded.parsedInWorkers;
    return opened;
  }

  /** Pages parsed in worker threads at start-up. */
  get workerParsedPageCount(): number {
    return this.parsedInWorkers;
  }

  /** Pages taken from the parse cache at start-up. */
  get cachedPageCount(): number {
    return this.cache?.hitCount ?? 0;
  }

  /** The graph requests read now. */
  current(): Graph {
    return this.graph;
  }

  /** Markdown pages known, section pages excluded. */
  get pageCount(): number {
    return this.pages.size;
  }

  /** Calls `listener` after each reload that changed something; returns the unsubscribe. */
  onChange(listener: (change: ContentChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following the folder; resolves once the watcher is ready. */
  async watch(): Promise<void> {
    if (this.watcher) return;
    const watcher = watch(this.root, {
      ignoreInitial: true,
      followSymlinks: false,
      // An editor's save can arrive as a truncate then a write; wait until the size settles so
      // a half-written file is not read (and its half taken for the page).
      awaitWriteFinish: { stabilityThreshold: 25, pollInterval: 5 },
      ignored: (path) => relative(this.root, path).split(sep).some((part) => part.startsWith('.') || part === 'node_modules'),
    });
    this.watcher = watcher;
    const queue = (path: string) => this.queue(path);
    watcher.on('add', queue).on('change', queue).on('unlink', queue).on('addDir', queue).on('unlinkDir', queue);
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = null;
    await this.reloading;
    if (this.cache) {
      this.cache.keepOnly(new Set(this.pages.keys()));
      await this.cache.save().catch(() => undefined);
    }
  }

  /** Waits until reloads queued so far are done (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.timer || this.pending.size > 0) await new Promise((r) => setTimeout(r, SETTLE_MS));
    await this.reloading;
  }

  private queue(path: string): void {
    this.pending.add(isAbsolute(path) ? path : join(this.root, path));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const paths = [...this.pending];
      this.pending.clear();
      // Reloads run one after another, so two batches never race to swap the graph.
      this.reloading = this.reloading
        .then(async () => {
          await this.reload(paths);
        })
        .catch((error: unknown) => {
          console.error('content reload failed:', error);
        });
    }, SETTLE_MS);
  }

  /** Re-reads the given files or folders (absolute paths) and swaps in the new graph. */
  async reload(paths: readonly string[]): Promise<ContentChange> {
    const changed: string[] = [];
    const removed: string[] = [];
    const updates = new Map<string, LoadedPage | null>();
    for (const path of paths) {
      const files = await this.filesAt(path);
      const under = relative(this.root, path).split(sep).join('/');
      // Pages that were under this path and are not there any more were deleted or moved away.
      // A file that is still there is the common edit: no need to look through every page.
      const onlyItself = files.length === 1 && files[0]?.sourcePath === under;
      if (!onlyItself) {
        const present = new Set(files.map((f) => f.sourcePath));
        for (const known of [...this.pages.keys()]) {
          const inside = known === under || known.startsWith(`${under}/`) || under === '';
          if (inside && !present.has(known)) {
            this.pages.delete(known);
            updates.set(known, null);
            removed.push(known);
          }
        }
      }
      await forEachLimited(files, 16, async (file) => {
        const before = this.pages.get(file.sourcePath);
        const next = keepLastGood(file, before, await loadPage(file, this.options, this.cache ?? undefined));
        // A folder's pages are read on its own event and again on theirs, and editors save
        // unchanged text: neither is a change, so neither empties caches or tells subscribers.
        if (before && sameState(before, next)) return;
        this.pages.set(file.sourcePath, next);
        updates.set(file.sourcePath, next);
        changed.push(file.sourcePath);
      });
    }
    if (changed.length === 0 && removed.length === 0) return { changed, removed, diagnostics: this.graph.diagnostics };
    this.graph = this.builder.apply(updates);
    const change = { changed: changed.sort(), removed: removed.sort(), diagnostics: this.graph.diagnostics };
    for (const listener of this.listeners) listener(change);
    return change;
  }

  /** The markdown pages at `path` now: the file itself, every page below a folder, or none. */
  private async filesAt(path: string): Promise<PageFile[]> {
    try {
      // As at start-up, symbolic links are not followed, neither the path itself nor a folder on
      // the way to it: a link must not bring files from outside the content folder into it.
      if ((await realpath(path)) !== path) return [];
      if (MARKDOWN.test(path)) {
        const file = describe(this.root, path);
        return file.isSection ? [] : [file];
      }
      return (await discoverPages(path)).map((f) => describe(this.root, f.absolutePath)).filter((f) => !f.isSection);
    } catch {
      return [];
    }
  }
}

/** A page that fails to load keeps the version served before, and says so. */
function keepLastGood(file: PageFile, before: LoadedPage | undefined, loaded: LoadedPage): LoadedPage {
  if (loaded.record || !before?.record) return loaded;
  const stale = diagnostic('STALE_PAGE', { path: file.sourcePath, line: null });
  return { record: before.record, diagnostics: [...loaded.diagnostics, stale] };
}

/** Pages are plain data (the parse cache stores them as JSON), so equal JSON is the same page. */
function sameState(a: LoadedPage, b: LoadedPage): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
