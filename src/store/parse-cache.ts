import { createHash, hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedPage } from '../model/records.js';
import { sameStamp, type FileStamp } from '../content/read-page-file.js';

/**
 * Pages already read, kept on disk between runs: a page whose text (and the extractor that read
 * it) did not change is not parsed again at start-up. One folder per content folder, written
 * whole after loading; an entry counts only for the exact text it was made from.
 *
 * The entries are split into files of SHARD_ENTRIES pages read one after another: one JSON file
 * of 10,000 pages is a 70 MB string (twice that in memory, as Chinese text is stored two bytes a
 * character) held at once beside what it parses into, which set the start's peak memory.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry>();
  private hits = 0;
  /** Whether anything was added or dropped since the file was read: if not, it need not be written. */
  private dirty = false;

  /** The shard files the index names now (deleted after the next save replaces them). */
  private shards: readonly string[] = [];

  private constructor(
    private readonly folder: string,
    private readonly fingerprint: string,
  ) {}

  /**
   * Where the cache of `contentRoot` in `dir` is and the fingerprint of the code and settings
   * reading pages now, without reading the cache: what a start that may not need it needs.
   */
  static async locate(dir: string, contentRoot: string, settings: unknown): Promise<CachePlace> {
    return { folder: join(dir, sha1(contentRoot).slice(0, 16)), fingerprint: await extractorFingerprint(settings) };
  }

  /** Opens the cache of `contentRoot` in `dir`; a missing, unreadable or outdated cache is an empty one. */
  static async open(dir: string, contentRoot: string, settings: unknown): Promise<ParseCache> {
    return ParseCache.openAt(await ParseCache.locate(dir, contentRoot, settings));
  }

  /** Opens the cache `locate` found. */
  static async openAt(place: CachePlace): Promise<ParseCache> {
    const cache = new ParseCache(place.folder, place.fingerprint);
    try {
      const index = JSON.parse(await readFile(join(cache.folder, INDEX), 'utf8')) as StoredIndex;
      cache.shards = index.shards;
      if (index.fingerprint !== cache.fingerprint || index.encoding !== SHARD_ENCODING) return cache;
      const reader = new ShardReader();
      for (const shard of index.shards) {
        const entries = JSON.parse(await reader.read(join(cache.folder, shard))) as Record<string, CacheEntry>;
        for (const [path, entry] of Object.entries(entries)) cache.entries.set(path, entry);
      }
    } catch {
      // No cache yet, or one we cannot read: start empty.
      cache.entries.clear();
    }
    return cache;
  }

  /**
   * The page read earlier from a file with this stamp (size, modification time, inode), without
   * reading the file: a stat is one system call where a read is four. A file rewritten in place
   * within the same millisecond to the same size would be missed; editors and checkouts do not
   * do that (they also mostly write a new file, a new inode, and rename it over the old).
   */
  getByStamp(sourcePath: string, stamp: FileStamp): LoadedPage | undefined {
    const entry = this.entries.get(sourcePath);
    if (!entry || !sameStamp(entry.stamp, stamp)) return undefined;
    this.hits++;
    return entry.page;
  }

  /** The page read earlier from exactly this text, if any. */
  get(sourcePath: string, text: string): LoadedPage | undefined {
    const entry = this.entries.get(sourcePath);
    if (!entry || entry.hash !== sha1(text)) return undefined;
    this.hits++;
    return entry.page;
  }

  set(sourcePath: string, text: string, page: LoadedPage, stamp?: FileStamp): void {
    this.entries.set(sourcePath, { hash: sha1(text), ...(stamp ? { stamp } : {}), page });
    this.dirty = true;
  }

  /** Forgets pages that no longer exist, so the file does not grow with deleted pages. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!paths.has(path)) {
        this.entries.delete(path);
        this.dirty = true;
      }
    }
  }

  get hitCount(): number {
    return this.hits;
  }

  /**
   * Names these pages as read by this code with these settings: equal keys, equal pages, so
   * whatever is made of them alone (the graph, its search index) may be kept under it. A page
   * the cache holds counts by its text's hash (hashed when it was read, so this costs no read);
   * one it does not (a file that could not be read) by what reading it gave.
   */
  keyOf(pages: ReadonlyMap<string, LoadedPage>): string {
    const key = createHash('sha1').update(this.fingerprint);
    for (const path of [...pages.keys()].sort()) {
      const entry = this.entries.get(path);
      const page = pages.get(path);
      key.update(`\u0000${path}\u0000`).update(entry && entry.page === page ? entry.hash : `!${JSON.stringify(page)}`);
    }
    return key.digest('hex');
  }

  /** A file of this name in the cache's folder, for data kept beside the pages (the save leaves it alone). */
  pathOf(name: string): string {
    return join(this.folder, name);
  }

  /**
   * Writes the cache: new shard files first, then the index naming them (through a temporary file
   * and a rename), then the old shards go. A crash at any point leaves an index whose shards exist.
   */
  async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await mkdir(this.folder, { recursive: true });
    const generation = `${Date.now().toString(36)}-${process.pid}`;
    const all = [...this.entries];
    const shards: string[] = [];
    for (let start = 0; start < all.length; start += SHARD_ENTRIES) {
      const name = `entries-${generation}-${shards.length}.json`;
      await writeFile(join(this.folder, name), Buffer.from(JSON.stringify(Object.fromEntries(all.slice(start, start + SHARD_ENTRIES))), SHARD_ENCODING));
      shards.push(name);
    }
    const temp = join(this.folder, `${INDEX}.${process.pid}.tmp`);
    await writeFile(temp, JSON.stringify({ fingerprint: this.fingerprint, encoding: SHARD_ENCODING, shards } satisfies StoredIndex));
    await rename(temp, join(this.folder, INDEX));
    const old = this.shards;
    this.shards = shards;
    await Promise.all(old.map((name) => rm(join(this.folder, name), { force: true })));
  }
}

const INDEX = 'index.json';
/**
 * Pages per shard file: about a megabyte each. Node turns a decoded UTF-16 text of more than a
 * million characters into a string held outside the heap, freed late: shards of 500 pages
 * (4.7 MB) raised the start's peak RSS by 30–45 MB; shards of 100 are ordinary heap strings.
 */
const SHARD_ENTRIES = 100;
/**
 * Shards are JSON in UTF-16: decoding it is a copy, where decoding UTF-8 into the two-byte strings
 * of Chinese text took longer than parsing (10,000 generated pages on a loaded machine: read and
 * decode 1.6 s, parse 1.2 s; in UTF-16 0.4 s and 0.9 s). The files are a third larger (94 MB, not 70).
 */
const SHARD_ENCODING = 'utf16le';

/**
 * Reads shard after shard into one buffer, grown as needed: a fresh buffer per shard (7 MB each)
 * is memory outside the heap that the collector frees late, and it raised the start's peak RSS.
 */
class ShardReader {
  private buffer = Buffer.alloc(0);

  async read(path: string): Promise<string> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(this.buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return this.buffer.toString(SHARD_ENCODING, 0, filled);
    } finally {
      await handle.close();
    }
  }
}

/** Where a parse cache is, and the fingerprint entries must have to count. */
export interface CachePlace {
  readonly folder: string;
  readonly fingerprint: string;
}

interface CacheEntry {
  /** The file the page was read from; absent when the page came from text alone. */
  readonly stamp?: FileStamp;
  readonly hash: string;
  readonly page: LoadedPage;
}

interface StoredIndex {
  readonly fingerprint: string;
  /** How the shards are written (absent: UTF-8, before they were UTF-16). */
  readonly encoding?: string;
  readonly shards: readonly string[];
}

function sha1(text: string): string {
  return hash('sha1', text, 'hex');
}

/**
 * Changes whenever what a page turns into could change: the code that reads pages and the reading
 * settings (vocabulary, offset). Compiled, that code is the bundle running; from source, every
 * file under src/. Both count a change anywhere, not only in the stages that make records today:
 * a list of folders would go stale the day a module moves (a stale entry outlives an upgrade).
 */
export async function extractorFingerprint(settings: unknown, sourceRoot: string = fileURLToPath(new URL('..', import.meta.url))): Promise<string> {
  const hash = createHash('sha1').update(JSON.stringify(settings ?? null));
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) return hash.update(await readFile(self)).digest('hex');
  return hash.update(await sourceFingerprint(sourceRoot)).digest('hex');
}

/** A hash of every source file below `root` (names and contents, in path order). */
async function sourceFingerprint(root: string): Promise<string> {
  const hash = createHash('sha1');
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(relative(root, file)).update('\u0000').update(await readFile(file));
  return hash.digest('hex');
}
