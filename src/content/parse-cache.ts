import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedPage } from './load-page.js';

/**
 * Pages already read, kept on disk between runs: a page whose text (and the extractor that read
 * it) did not change is not parsed again at start-up. One file per content folder, written
 * whole after loading; an entry counts only for the exact text it was made from.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry>();
  private hits = 0;
  /** Whether anything was added or dropped since the file was read: if not, it need not be written. */
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
  ) {}

  /** Opens the cache of `contentRoot` in `dir`; a missing, unreadable or outdated file is an empty cache. */
  static async open(dir: string, contentRoot: string, settings: unknown): Promise<ParseCache> {
    const file = join(dir, `${sha1(contentRoot).slice(0, 16)}.json`);
    const cache = new ParseCache(file, await extractorFingerprint(settings));
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as StoredCache;
      if (stored.fingerprint === cache.fingerprint) {
        for (const [path, entry] of Object.entries(stored.entries)) cache.entries.set(path, entry);
      }
    } catch {
      // No cache yet, or one we cannot read: start empty.
    }
    return cache;
  }

  /**
   * The page read earlier from a file with this modification time and size, without reading the
   * file: a stat is one system call where a read is four. A file rewritten within the same
   * millisecond to the same size would be missed; editors and checkouts do not do that.
   */
  getByStamp(sourcePath: string, stamp: FileStamp): LoadedPage | undefined {
    const entry = this.entries.get(sourcePath);
    if (!entry || entry.mtimeMs !== stamp.mtimeMs || entry.size !== stamp.size) return undefined;
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
    this.entries.set(sourcePath, { hash: sha1(text), mtimeMs: stamp?.mtimeMs ?? -1, size: stamp?.size ?? -1, page });
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

  /** Writes the cache: to a temporary file first, so a crash never leaves half a file. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const stored: StoredCache = { fingerprint: this.fingerprint, entries: Object.fromEntries(this.entries) };
    await writeFile(temp, JSON.stringify(stored));
    await rename(temp, this.file);
  }
}

/** When a file was last written and how long it is. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

interface CacheEntry extends FileStamp {
  readonly hash: string;
  readonly page: LoadedPage;
}

interface StoredCache {
  readonly fingerprint: string;
  readonly entries: Record<string, CacheEntry>;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Changes whenever what a page turns into could change: the code that reads pages and the reading
 * settings (vocabulary, offset). Compiled, that code is the bundle running (a change anywhere in it
 * counts); from source, every file under src/content, src/extract and src/model.
 */
async function extractorFingerprint(settings: unknown): Promise<string> {
  const hash = createHash('sha1').update(JSON.stringify(settings ?? null));
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) return hash.update(await readFile(self)).digest('hex');
  const sourceRoot = fileURLToPath(new URL('..', import.meta.url));
  for (const folder of ['content', 'extract', 'extract/strategies', 'model']) {
    const dir = join(sourceRoot, folder);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.(ts|js)$/.test(n)).sort();
    for (const name of names) hash.update(name).update(await readFile(join(dir, name)));
  }
  return hash.digest('hex');
}
