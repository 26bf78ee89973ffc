/**
 * Memory of the parse workers alone: `npm run build && npx tsx bench/parse-workers-rss.ts [pages]
 * [youngMb…]` starts two workers of `dist/parse-worker.js` as the parse pool does, sends them
 * `pages` (3,000) generated pages, 64 in flight, drops what they send back (so the main thread
 * holds nothing), and prints the process's peak RSS and CPU time for each young-generation size
 * given (`0` is V8's default), taking turns twice so their ratio holds on a busy machine.
 * `BENCH_DIR=folder` reads a folder instead of generating one. Timings are printed, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateContent } from './generate.js';

const args = process.argv.slice(2).map(Number);
const pages = args[0] ?? 3000;
const sizes = args.length > 1 ? args.slice(1) : [0, 16];
const script = resolve('dist/parse-worker.js');

async function run(dir: string, files: readonly string[], youngMb: number): Promise<string> {
  const workers = [0, 1].map(() => new Worker(script, youngMb ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await new Promise<void>((done) => {
    let next = 0;
    let back = 0;
    let inFlight = 0;
    const pump = async () => {
      while (next < files.length && inFlight < 64) {
        const id = next++;
        inFlight++;
        const text = await readFile(files[id]!, 'utf8');
        const sourcePath = files[id]!.slice(dir.length + 1);
        workers[id % 2]!.postMessage({ id, file: { sourcePath, slug: sourcePath.split('/').at(-2), language: 'zh', isSection: false }, text, options: {} });
      }
    };
    for (const w of workers) {
      w.on('message', () => {
        inFlight--;
        if (++back === files.length) done();
        else void pump();
      });
    }
    void pump();
  });
  clearInterval(timer);
  const used = process.cpuUsage(cpu);
  await Promise.all(workers.map((w) => w.terminate()));
  return `young generation ${youngMb ? `${youngMb} MB` : 'default'}: ${files.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`;
}

const dir = process.env.BENCH_DIR ?? (await mkdtemp(join(tmpdir(), 'bench-workers-')));
try {
  if (!process.env.BENCH_DIR) await generateContent(dir, pages);
  const files = execFileSync('find', [dir, '-name', '*.md'], { encoding: 'utf8' }).trim().split('\n').sort().slice(0, pages);
  for (let round = 0; round < 2; round++) for (const size of sizes) console.log(await run(dir, files, size));
} finally {
  if (!process.env.BENCH_DIR) await rm(dir, { recursive: true, force: true });
}
