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

export class ParsePool {
  private next = 0;
  private parsedCount = 0;
  private readonly waiting = new Map<number, { resolve: (page: LoadedPage) => void; reject: (error: Error) => void }>();
  private readonly workers: Worker[];

  constructor(size: number = Math.min(MAX_WORKERS, availableParallelism())) {
    // Compiled (dist/cli.js), the worker is its own bundle beside it; from source, an entry that
    // loads the TypeScript module through tsx.
    const compiled = import.meta.url.endsWith('.js');
    const script = new URL(compiled ? './parse-worker.js' : './parse-worker-entry.mjs', import.meta.url);
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      worker.on('message', ({ id, page }: { id: number; page: LoadedPage }) => {
        this.parsedCount++;
        this.waiting.get(id)?.resolve(page);
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
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
