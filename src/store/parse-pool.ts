import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../extract/extract-page.js';
import type { PageFile } from '../content/discover.js';
import type { LoadedPage } from '../model/records.js';
import type { ParseRequest } from './parse-worker.js';

/**
 * Worker threads that parse pages in parallel at start-up, one per core up to two. Pages are
 * independent, but the main thread reads files and builds the graph meanwhile: measured, two
 * workers start 1.28 times faster than one, three or four slower than two. Each result comes
 * back as plain data.
 */
const MAX_WORKERS = 2;

/**
 * Each worker's young generation, in MB. A page's parse is short-lived garbage (tokens, trees),
 * which V8's default young generation (sized for this machine's memory) let pile up well past
 * this before collecting. Two workers alone, 5,000 pages, results dropped, on a loaded 2-core
 * machine (`bench/parse-workers-rss.ts`): peak RSS 271 / 270 MB by default, 223 / 245 MB with
 * 8 MB, at the same CPU time (19.1 / 21.2 s and 19.8 / 20.1 s).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Strings of a page result up to this length are shared with equal strings of earlier results.
 * A structured clone copies every string it meets, so each `source.path` of a page (about twenty
 * a page), each speaker's name and affiliation, each kind and time arrive as strings of their own,
 * held by the records until the process exits. Sharing them took the records of 3,000 generated
 * pages from 10.4 to 7.8 KB a page on the main thread (table included; `node --expose-gc` over
 * `v8.deserialize`d results). Longer strings (bodies, abstracts, bios) are rarely equal.
 */
const SHARED_STRING_MAX_LENGTH = 200;

export class ParsePool {
  private next = 0;
  private parsedCount = 0;
  private readonly waiting = new Map<number, { resolve: (page: LoadedPage) => void; reject: (error: Error) => void }>();
  private readonly workers: Worker[];
  /** One string of each value met in results so far; dropped with the pool after the load. */
  private readonly strings = new Map<string, string>();

  constructor(size: number = Math.min(MAX_WORKERS, availableParallelism())) {
    // Compiled (dist/cli.js), the worker is its own bundle beside it; from source, an entry that
    // loads the TypeScript module through tsx.
    const compiled = import.meta.url.endsWith('.js');
    const script = new URL(compiled ? './parse-worker.js' : './parse-worker-entry.mjs', import.meta.url);
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      worker.on('message', ({ id, page }: { id: number; page: LoadedPage }) => {
        this.parsedCount++;
        this.waiting.get(id)?.resolve(this.share(page) as LoadedPage);
        this.waiting.delete(id);
      });
      // A worker that dies fails the pages it was given rather than leaving them waiting.
      worker.on('error', (error) => {
        for (const [id, waiter] of this.waiting) {
          if (id % this.workers.length === this.workers.indexOf(worker)) {
            waiter.reject(error);
            this.waiting.delete(id);
          }
        }
      });
      return worker;
    });
  }

  /**
   * Replaces, in place, each short string of a cloned result by the equal string met first (see
   * SHARED_STRING_MAX_LENGTH): same values, same keys in the same order, less memory.
   */
  private share(value: unknown): unknown {
    if (typeof value === 'string') {
      if (value.length > SHARED_STRING_MAX_LENGTH) return value;
      const known = this.strings.get(value);
      if (known !== undefined) return known;
      this.strings.set(value, value);
      return value;
    }
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = this.share(value[i]);
      else for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = this.share((value as Record<string, unknown>)[key]);
    }
    return value;
  }

  /** Pages whose parse came back from a worker. */
  get parsed(): number {
    return this.parsedCount;
  }

  /** Parses one page's text on the next worker in turn. */
  parse(file: PageFile, text: string, options: ExtractOptions): Promise<LoadedPage> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length];
    const { absolutePath: _omit, ...rest } = file;
    const request: ParseRequest = { id, file: rest, text, options };
    return new Promise((resolve, reject) => {
      if (!worker) return reject(new Error('no parse worker'));
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.strings.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
