import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { diagnostic } from '../model/diagnostics.js';
import type { ExtractOptions } from '../extract/extract-page.js';
import type { Graph } from '../model/graph.js';
import { consoleLog, type Log } from '../model/log.js';
import type { ContentChange } from '../model/source.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import type { LoadedPage } from '../model/records.js';
import { sameStamp, type FileStamp } from '../content/read-page-file.js';
import { describe, discoverPages, type PageFile } from '../content/discover.js';
import { identifyFolder, listPageFiles, sameFolder, scanPages, stampFiles, type FolderIdentity, type ScannedFile } from './folder-scan.js';
import { GRAPH_SNAPSHOT_FILE, readGraphSnapshot, snapshotKey, snapshotKeyAt, writeGraphSnapshot } from './graph-snapshot.js';
import { loadFiles, loadPages } from './load-content.js';
import { ParseCache, type CachePlace } from './parse-cache.js';

const MARKDOWN = /\.(md|markdown)$/i;
/** File events arriving within this window are handled as one reload. */
const SETTLE_MS = 15;
/**
 * More events than this without a quiet moment are not trusted path by path: the kernel's event
 * queue may have overflowed (it drops events silently), so the folder is compared with what is
 * served once it is quiet.
 */
const BURST_EVENTS = 1000;
/** The comparison of touched folders waits for quiet, but never longer than this many quiet periods. */
const MAX_WAIT_QUIETS = 8;

/** How the store follows the folder once `watch` is called. */
export interface WatchOptions {
  /** How often the content folder itself is checked: gone, back, or replaced by another. */
  readonly folderCheckMs?: number;
  /** How often every file is compared with what is served, by size, mtime and inode. */
  readonly rescanMs?: number;
  /**
   * Quiet time after files were added, removed or renamed before their folders are compared with
   * what is served: file events can be lost or reordered in a storm, the folder's listing cannot.
   */
  readonly quietMs?: number;
}

const WATCH_DEFAULTS: Required<WatchOptions> = { folderCheckMs: 1000, rescanMs: 30_000, quietMs: 250 };

/**
 * The content folder as a graph that follows the files. Edits re-read only the pages that
 * changed and rebuild only the parts of the graph those pages reach; the new immutable graph
 * replaces the old one in one assignment: a request holds the graph it started with, so it never
 * sees a mix of two versions. A page that becomes broken keeps serving its last good version,
 * with a diagnostic, until it is fixed.
 *
 * File events are hints, not the truth: after a burst of added or removed files, periodically,
 * and when the folder itself is replaced, the files on disk are listed and stamped (size, mtime,
 * inode) and the served pages made equal to them. A folder that disappears keeps (most of) its
 * pages served while the store reports it (`problem`), and its return brings its files back.
 */
export class ContentStore {
  private graph: Graph;
  private builder = new GraphBuilder();
  private watcher: FSWatcher | null = null;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Folders where files came or went since the last comparison: true when folders below them count too. */
  private readonly touched = new Map<string, boolean>();
  private quietTimer: NodeJS.Timeout | null = null;
  /** Whether a reload of the pending paths, or a comparison of the touched folders, is queued. */
  private reloadDue = false;
  private comparisonDue = false;
  /** File events since the folder was last compared. */
  private eventsSinceQuiet = 0;
  /** When the first folder still waiting for its comparison was touched. */
  private touchedSince: number | null = null;
  private readonly intervals: NodeJS.Timeout[] = [];
  private watchOptions: Required<WatchOptions> = WATCH_DEFAULTS;
  private reloading: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(change: ContentChange) => void>();
  private readonly stamps: Map<string, FileStamp>;
  /** The folder served now (links resolved); a replaced folder changes it. */
  private root: string;
  private identity: FolderIdentity | null;
  private folderGone = false;
  /** The folder check running now, if any. */
  private checking: Promise<void> | null = null;
  private closed = false;
  /** Pages parsed in worker threads at start-up. */
  private parsedInWorkers = 0;
  /** What `openingFile` gives: the key of the pages opened with, and their graph's version. */
  private openingKey: string | null = null;
  private readonly openingGraph: string;
  /**
   * Whether the store holds no records (opened from a graph snapshot, or dropped them once the
   * graph was built): the first reload or `watch` reads every page again first (`thaw`).
   */
  private frozen = false;
  /** The first `thaw`, once asked for. */
  private thawing: Promise<void> | null = null;
  /** Pages at start-up: the count of a frozen store, whose `pages` is empty. */
  private openingPages: number;
  /** Pages taken from the parse cache at start-up. */
  private cachedAtOpen = 0;
  /** Whether the opening graph was read from the snapshot. */
  private fromSnapshot = false;
  /** Whether every page of the opening graph was read from a file with a stamp (a snapshot may be kept). */
  private stampedAtOpen = false;

  private constructor(
    /** The folder as it was named: it is looked up again when it disappears or is replaced. */
    private readonly named: string,
    identity: FolderIdentity,
    private readonly options: ExtractOptions,
    private readonly pages: Map<string, LoadedPage>,
    stamps: ReadonlyMap<string, FileStamp>,
    private cache: ParseCache | null,
    private readonly log: Log,
    /** Where the parse cache is (and what is kept beside it), with the fingerprint of the code reading pages. */
    private readonly place: CachePlace | null,
    /** The graph of `pages` when it was read from a snapshot: then `pages` is empty. */
    snapshot?: Graph,
  ) {
    this.identity = identity;
    this.root = identity.real;
    this.stamps = new Map(stamps);
    this.graph = snapshot ?? this.builder.apply(pages);
    this.openingGraph = this.graph.version;
    this.openingPages = snapshot ? stamps.size : pages.size;
    this.frozen = snapshot !== undefined;
  }

  /**
   * Reads every page of `root` once. With `parseCacheDir`, pages whose text is unchanged since
   * the last run are taken from the on-disk cache instead of being parsed again. `parseWorkers`
   * parses in that many worker threads whatever the folder's size and the machine (tests).
   * What the store does on its own (the folder gone or back, a failed reload) goes to `log`;
   * without one, to the console.
   */
  static async open(
    root: string,
    options: ExtractOptions = {},
    store: { parseCacheDir?: string | null; parseWorkers?: number; log?: Log; keepRecords?: boolean } = {},
  ): Promise<ContentStore> {
    const named = resolve(root);
    const identity = await identifyFolder(named);
    if (!identity) throw new Error(`${root} is not a folder`);
    const base = identity.real;
    const log = store.log ?? consoleLog;
    const keepRecords = store.keepRecords ?? true;
    const place = store.parseCacheDir ? await ParseCache.locate(store.parseCacheDir, base, options) : null;
    let files: PageFile[] | undefined;
    if (place && !keepRecords) {
      // A store that will not follow edits needs no records: the graph kept for exactly these files
      // (GraphSnapshot) is the whole start. The listing is reused when it does not fit.
      files = (await listPageFiles(base)) ?? (await discoverPages(base)).filter((f) => !f.isSection);
      const stamps = await stampFiles(files);
      if (stamps) {
        const read = await readGraphSnapshot(join(place.folder, GRAPH_SNAPSHOT_FILE), snapshotKey(place.fingerprint, stamps));
        if (read.graph && read.facts.pages === stamps.size) {
          const opened = new ContentStore(named, identity, options, new Map(), stamps, null, log, place, read.graph);
          opened.openingKey = read.facts.searchKey;
          opened.fromSnapshot = true;
          opened.stampedAtOpen = true;
          return opened;
        }
        if (!read.graph && !read.missing) log.info({ reason: read.reason }, `graph snapshot not used (${read.reason}); reading the pages`);
      }
    }
    const cache = place ? await ParseCache.openAt(place) : null;
    const loaded = await loadPages(base, options, { cache: cache ?? undefined, parallel: true, workers: store.parseWorkers, stampFirst: true, files });
    const pages = new Map<string, LoadedPage>(loaded.pages);
    if (cache) {
      cache.keepOnly(new Set(pages.keys()));
      await cache.save().catch((error: unknown) => log.warn({ err: error, parseCacheDir: store.parseCacheDir }, `parse cache not saved: ${String(error)}`));
    }
    const opened = new ContentStore(named, identity, options, pages, loaded.stamps, cache, log, place);
    opened.parsedInWorkers = loaded.parsedInWorkers;
    opened.cachedAtOpen = cache?.hitCount ?? 0;
    opened.openingKey = cache?.keyOf(pages) ?? null;
    opened.stampedAtOpen = [...pages.keys()].every((path) => loaded.stamps.has(path));
    if (!keepRecords) opened.dropRecords();
    return opened;
  }

  /**
   * Forgets the records, the parse cache's entries and the builder's state: the graph holds what
   * is served, and a store that does not follow edits needs nothing else (at 10,000 pages the
   * records are tens of megabytes). The first reload reads every page again (`thaw`).
   */
  private dropRecords(): void {
    this.frozen = true;
    this.pages.clear();
    this.cache = null;
    this.builder = new GraphBuilder();
  }

  /**
   * Reads every page again (through the parse cache) and builds the builder's state, so that a
   * store opened from a snapshot, or one that dropped its records, can follow edits. The pages
   * may have changed since the start: every page counts as changed for the listeners.
   */
  private thaw(): Promise<void> {
    this.thawing ??= this.frozen ? this.readAll() : Promise.resolve();
    return this.thawing;
  }

  private async readAll(): Promise<void> {
    const cache = this.place ? await ParseCache.openAt(this.place) : null;
    const loaded = await loadPages(this.root, this.options, { cache: cache ?? undefined, parallel: true, stampFirst: true });
    this.cache = cache;
    for (const [path, page] of loaded.pages) this.pages.set(path, page);
    this.stamps.clear();
    for (const [path, stamp] of loaded.stamps) this.stamps.set(path, stamp);
    this.graph = this.builder.apply(this.pages);
    this.frozen = false;
    const change = { changed: [...this.pages.keys()].sort(), removed: [], diagnostics: this.graph.diagnostics };
    for (const listener of this.listeners) listener(change);
  }

  /** Whether the graph served at start-up was read from the graph snapshot. */
  get openedFromSnapshot(): boolean {
    return this.fromSnapshot;
  }

  /**
   * Keeps the graph of the pages the store opened with for the next start (GRAPH_SNAPSHOT_FILE
   * beside the parse cache), unless the one kept is of the same files already, the graph was
   * replaced by a reload since, or a page was not read from a file (then stamps cannot prove it
   * unchanged). True when it was written.
   */
  async keepSnapshot(): Promise<boolean> {
    if (!this.place || !this.openingKey || !this.stampedAtOpen || this.graph.version !== this.openingGraph) return false;
    const path = join(this.place.folder, GRAPH_SNAPSHOT_FILE);
    const key = snapshotKey(this.place.fingerprint, this.stamps);
    if ((await snapshotKeyAt(path)) === key) return false;
    await writeGraphSnapshot(path, this.graph, key, { searchKey: this.openingKey, pages: this.openingPages });
    return true;
  }

  /** Pages parsed in worker threads at start-up. */
  get workerParsedPageCount(): number {
    return this.parsedInWorkers;
  }

  /** Pages taken from the parse cache at start-up. */
  get cachedPageCount(): number {
    return this.cachedAtOpen;
  }

  /**
   * Where a later stage may keep what it made of the pages the store opened with (the search
   * index), beside the parse cache, and the key naming those pages and the code that read them
   * (ParseCache.keyOf). `graph` is the version of the graph of those pages: after a reload the key
   * names other pages. Null without a parse cache.
   */
  openingFile(name: string): { readonly path: string; readonly key: string; readonly graph: string } | null {
    return this.place && this.openingKey ? { path: join(this.place.folder, name), key: this.openingKey, graph: this.openingGraph } : null;
  }

  /** The graph requests read now. */
  current(): Graph {
    return this.graph;
  }

  /** Why the store is not following its folder now (the folder is gone), or null. */
  problem(): string | null {
    // No path: /readyz is public, the log names the folder.
    return this.folderGone ? 'the content folder is gone; what was read before is served until it returns' : null;
  }

  /** Markdown pages known, section pages excluded. */
  get pageCount(): number {
    return this.frozen ? this.openingPages : this.pages.size;
  }

  /** Calls `listener` after each reload that changed something; returns the unsubscribe. */
  onChange(listener: (change: ContentChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following the folder; resolves once the watcher is ready. */
  async watch(options: WatchOptions = {}): Promise<void> {
    if (this.watcher || this.closed) return;
    await this.thaw();
    this.watchOptions = { ...WATCH_DEFAULTS, ...options };
    await this.startWatcher();
    const every = (ms: number, task: () => void) => this.intervals.push(setInterval(task, ms).unref());
    every(this.watchOptions.folderCheckMs, () => void this.checkFolder());
    every(this.watchOptions.rescanMs, () => {
      if (!this.folderGone) this.enqueue(() => this.reconcile([this.root]));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const interval of this.intervals.splice(0)) clearInterval(interval);
    if (this.timer) clearTimeout(this.timer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    await this.stopWatcher();
    await this.reloading;
    if (this.cache) {
      this.cache.keepOnly(new Set(this.pages.keys()));
      await this.cache.save().catch((error: unknown) => this.log.warn({ err: error }, `parse cache not saved: ${String(error)}`));
    }
  }

  /** Waits until reloads queued so far, and the comparisons they call for, are done (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.timer || this.quietTimer || this.reloadDue || this.comparisonDue || this.pending.size > 0) await new Promise((r) => setTimeout(r, SETTLE_MS));
    await this.reloading;
  }

  private async startWatcher(): Promise<void> {
    const root = this.root;
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      // No awaitWriteFinish: it polls every new or changed file with a stat every few ms, and
      // thousands of files at once then fill libuv's file threads for many seconds (every read
      // and listing waits behind them). A save's truncate and write land within one SETTLE_MS
      // batch; a write still going on then changes the file again, and that event re-reads it.
      ignored: (path) => relative(root, path).split(sep).some((part) => part.startsWith('.') || part === 'node_modules'),
    });
    this.watcher = watcher;
    const on = (event: string) => (path: string) => {
      if (this.watcher === watcher) this.queue(event, path);
    };
    watcher.on('add', on('add')).on('change', on('change')).on('unlink', on('unlink')).on('addDir', on('addDir')).on('unlinkDir', on('unlinkDir'));
    // The kernel's own "a name came or went here": chokidar drops the names it cannot stat (one
    // that is not UTF-8, a file renamed away before it looked), the folder's listing does not.
    watcher.on('raw', (event, name, details) => {
      const folder = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (this.watcher !== watcher || event !== 'rename' || typeof folder !== 'string' || name.startsWith('.')) return;
      this.touchAndWait(folder, false);
    });
    // Out of watches, a folder that vanished under the watcher: the listing is still the truth.
    watcher.on('error', (error: unknown) => {
      this.log.warn({ err: error, folder: this.named }, `watching the content folder: ${String(error)}; comparing the folder with what is served`);
      this.touchAndWait(this.root, true);
    });
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  }

  private async stopWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }

  private queue(event: string, path: string): void {
    const absolute = isAbsolute(path) ? path : join(this.root, path);
    this.pending.add(absolute);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scheduleReload();
    }, SETTLE_MS);
    // A file that came or went may stand for others whose events were lost: its folder is
    // compared once things are quiet. An edit in place is only itself.
    if (event.endsWith('Dir')) this.touchAndWait(absolute, true);
    else if (event !== 'change') this.touchAndWait(dirname(absolute), false);
  }

  /**
   * Queues one reload of the paths pending when it runs, not of those pending now: while a long
   * reload runs, the events that arrive meanwhile wait for one next reload, not one each.
   */
  private scheduleReload(): void {
    if (this.reloadDue) return;
    this.reloadDue = true;
    this.enqueue(async () => {
      this.reloadDue = false;
      const paths = [...this.pending];
      this.pending.clear();
      this.eventsSinceQuiet += paths.length;
      if (this.eventsSinceQuiet > BURST_EVENTS) {
        // A checkout or a copy of thousands of files: reading them batch by batch as their events
        // come costs a graph update per batch, and the events may overflow anyway. One
        // comparison once the folder is quiet reads each file once.
        this.log.debug({ folder: this.named, events: this.eventsSinceQuiet }, 'a burst of file events: the whole folder is compared once it is quiet');
        this.touchAndWait(this.root, true);
        return;
      }
      await this.reload(paths);
    });
  }

  /**
   * Compares `folder` (and the folders below it when `deep`) with what is served once no file
   * has come or gone for `quietMs`.
   */
  private touchAndWait(folder: string, deep: boolean): void {
    this.touched.set(folder, deep || (this.touched.get(folder) ?? false));
    if (this.quietTimer) clearTimeout(this.quietTimer);
    // Files that keep coming (a long copy, an editor saving every second) do not postpone the
    // comparison for ever: it runs at least every few quiet periods.
    this.touchedSince ??= Date.now();
    const wait = Math.max(0, Math.min(this.watchOptions.quietMs, this.touchedSince + MAX_WAIT_QUIETS * this.watchOptions.quietMs - Date.now()));
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      this.touchedSince = null;
      this.scheduleComparison();
    }, wait);
  }

  /** Queues one comparison of the folders touched by the time it runs. */
  private scheduleComparison(): void {
    if (this.comparisonDue) return;
    this.comparisonDue = true;
    this.enqueue(async () => {
      this.comparisonDue = false;
      this.eventsSinceQuiet = 0;
      const deep = outermost([...this.touched].filter(([, d]) => d).map(([f]) => f));
      const shallow = [...this.touched].filter(([f, d]) => !d && !deep.some((o) => inside(f, o))).map(([f]) => f);
      this.touched.clear();
      await this.reconcile(deep, shallow);
    });
  }

  /** Reloads run one after another, so two of them never race to swap the graph. */
  private enqueue(task: () => Promise<unknown>): void {
    this.reloading = this.reloading
      .then(async () => {
        if (!this.closed) await task();
      })
      .catch((error: unknown) => this.log.error({ err: error, folder: this.named }, 'content reload failed'));
  }

  /**
   * Notices the folder disappearing, coming back, or being replaced by another (a rename, a moved
   * link). One check at a time: the timer fires every second, and a returning folder's
   * comparison can take longer; a second check meanwhile would restart the watcher and compare
   * the whole folder again.
   */
  private checkFolder(): Promise<void> {
    this.checking ??= this.checkFolderOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkFolderOnce(): Promise<void> {
    if (this.closed) return;
    const now = await identifyFolder(this.named);
    if (!now) {
      if (this.folderGone) return;
      this.folderGone = true;
      await this.stopWatcher();
      this.log.warn({ folder: this.named }, `the content folder ${this.named} is gone; serving the last pages read, /readyz is not ready until it returns`);
      return;
    }
    if (!this.folderGone && sameFolder(now, this.identity)) return;
    const back = this.folderGone;
    this.identity = now;
    this.root = now.real;
    await this.stopWatcher();
    if (this.closed) return;
    await this.startWatcher();
    this.enqueue(() => this.reconcile([this.root]));
    await this.reloading;
    this.folderGone = false;
    this.log.info({ folder: this.named, pages: this.pages.size }, `the content folder ${this.named} is ${back ? 'back' : 'another folder now'}: ${this.pages.size} pages`);
  }

  /** Re-reads the given files or folders (absolute paths) and swaps in the new graph. */
  async reload(paths: readonly string[]): Promise<ContentChange> {
    await this.thaw();
    const toLoad = new Map<string, PageFile>();
    const removed = new Set<string>();
    for (const path of paths) {
      const scanned = await this.filesAt(path);
      if (scanned === null) continue;
      const under = this.sourcePathOf(path);
      // Pages that were under this path and are not there any more were deleted or moved away.
      // A file that is still there is the common edit: no need to look through every page.
      const onlyItself = scanned.length === 1 && scanned[0]?.file.sourcePath === under;
      if (!onlyItself) {
        const present = new Set(scanned.map((s) => s.file.sourcePath));
        for (const known of this.pagesUnder(under)) if (!present.has(known)) removed.add(known);
      }
      for (const { file } of scanned) toLoad.set(file.sourcePath, file);
    }
    return this.apply([...toLoad.values()], removed);
  }

  /**
   * Makes the pages under `folders` (absolute paths), and those directly in `shallowFolders`,
   * equal to the files there now: new and re-stamped files are read, files that are gone are
   * dropped, the others are left alone.
   */
  async reconcile(folders: readonly string[], shallowFolders: readonly string[] = []): Promise<ContentChange> {
    await this.thaw();
    const started = performance.now();
    const toLoad: PageFile[] = [];
    const removed = new Set<string>();
    const scopes = [...folders.map((f) => [f, true] as const), ...shallowFolders.map((f) => [f, false] as const)];
    for (const [folder, deep] of scopes) {
      const scanned = await scanPages(this.root, folder, deep);
      if (scanned === null && folder === this.root) {
        // The whole folder is missing: that is the folder check's business, not a deletion of every page.
        void this.checkFolder();
        continue;
      }
      const present = new Set<string>();
      for (const { file, stamp } of scanned ?? []) {
        present.add(file.sourcePath);
        if (!this.pages.has(file.sourcePath) || !sameStamp(this.stamps.get(file.sourcePath), stamp)) toLoad.push(file);
      }
      const under = this.sourcePathOf(folder);
      for (const known of this.pagesUnder(under)) {
        const mine = deep || known.slice(0, Math.max(0, known.lastIndexOf('/'))) === under;
        if (mine && !present.has(known)) removed.add(known);
      }
    }
    this.log.debug(
      { folder: this.named, folders: folders.length, shallowFolders: shallowFolders.length, toRead: toLoad.length, removed: removed.size, ms: Math.round(performance.now() - started) },
      'compared the folder with what is served',
    );
    return this.apply(toLoad, removed);
  }

  /** Reads `files`, drops `removed`, and swaps in the graph when anything changed. */
  private async apply(files: readonly PageFile[], removed: ReadonlySet<string>): Promise<ContentChange> {
    if (removed.size > 0 && !sameFolder(await identifyFolder(this.named), this.identity)) {
      // The files went with their folder (deleted, or moved away whole): what it held is served
      // until the folder check sees what took its place.
      void this.checkFolder();
      return { changed: [], removed: [], diagnostics: this.graph.diagnostics };
    }
    const changed: string[] = [];
    const updates = new Map<string, LoadedPage | null>();
    for (const path of removed) {
      this.pages.delete(path);
      this.stamps.delete(path);
      updates.set(path, null);
    }
    const reading = performance.now();
    const { results } = await loadFiles(files, this.options, { cache: this.cache ?? undefined, parallel: true });
    this.log.debug({ folder: this.named, files: files.length, ms: Math.round(performance.now() - reading) }, 'read changed files');
    const dropped = new Set(removed);
    files.forEach((file, i) => {
      const loaded = results[i];
      if (!loaded) return;
      if (loaded.gone) {
        // Its own event (or the next comparison) says where it went.
        if (this.pages.delete(file.sourcePath)) {
          this.stamps.delete(file.sourcePath);
          updates.set(file.sourcePath, null);
          dropped.add(file.sourcePath);
        }
        return;
      }
      if (loaded.stamp) this.stamps.set(file.sourcePath, loaded.stamp);
      else this.stamps.delete(file.sourcePath);
      const before = this.pages.get(file.sourcePath);
      const next = keepLastGood(file, before, loaded.page);
      // A folder's pages are read on its own event and again on theirs, and editors save
      // unchanged text: neither is a change, so neither empties caches or tells subscribers.
      if (before && sameState(before, next)) return;
      this.pages.set(file.sourcePath, next);
      updates.set(file.sourcePath, next);
      changed.push(file.sourcePath);
    });
    if (changed.length === 0 && dropped.size === 0) return { changed, removed: [], diagnostics: this.graph.diagnostics };
    this.graph = this.builder.apply(updates);
    const change = { changed: changed.sort(), removed: [...dropped].sort(), diagnostics: this.graph.diagnostics };
    for (const listener of this.listeners) listener(change);
    return change;
  }

  private sourcePathOf(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  private pagesUnder(under: string): string[] {
    if (under === '') return [...this.pages.keys()];
    return [...this.pages.keys()].filter((known) => known === under || known.startsWith(`${under}/`));
  }

  /**
   * The markdown pages at `path` now: the file itself, every page below a folder, or none. Null
   * when `path` is the content folder and it is missing (see `checkFolder`).
   */
  private async filesAt(path: string): Promise<ScannedFile[] | null> {
    if (relative(this.root, path).startsWith('..')) return [];
    const stats = path === this.root ? null : await lstat(path).catch(() => null);
    if (path !== this.root && !stats) return [];
    if (stats && !stats.isDirectory()) {
      // As at start-up, symbolic links are not followed, neither the path itself nor a folder on
      // the way to it: a link must not bring files from outside the content folder into it.
      if (!MARKDOWN.test(path) || (await realpath(path).catch(() => null)) !== path) return [];
      const file = describe(this.root, path);
      return file.isSection ? [] : [{ file, stamp: null }];
    }
    const scanned = await scanPages(this.root, path);
    if (!scanned && path === this.root) {
      void this.checkFolder();
      return null;
    }
    return scanned ?? [];
  }
}

/** The folders of `folders` that are not inside another of them. */
function outermost(folders: readonly string[]): string[] {
  const kept: string[] = [];
  for (const folder of [...new Set(folders)].sort()) {
    const last = kept[kept.length - 1];
    if (last === undefined || !inside(folder, last)) kept.push(folder);
  }
  return kept;
}

/** Whether `path` is `folder` or below it. */
function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
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
