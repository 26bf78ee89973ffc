/**
 * The parts of a start with the parse cache, in one process: `npx tsx bench/cached-start.ts [repo]`
 * opens the parse cache of a generated folder (BENCH_DIR, BENCH_PAGES pages, 10 000), reads the
 * pages through it and builds the graph with the repo's code (default: this one; give another
 * worktree to compare, alternating runs), as ContentStore.open does. It prints each part's wall
 * and CPU milliseconds (CPU time is the steadier figure on a shared machine), the heap once the
 * graph is built (after a collection, with --expose-gc) and the peak RSS. The first run of a
 * version of the code fills its cache (BENCH_CACHE, default under the system temp folder; one per
 * version compared): run it twice. Module loading, the search index and the server are not in it.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateContent } from './generate.js';

const repo = resolve(process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? '.');
const pages = Number(process.env.BENCH_PAGES ?? 10_000);
const dir = process.env.BENCH_DIR ?? join(tmpdir(), `meetup-cached-${pages}`);
const cacheDir = process.env.BENCH_CACHE ?? join(tmpdir(), 'meetup-cached-start-cache');

if (!existsSync(join(dir, 'zh'))) await generateContent(dir, pages);

const { ParseCache } = (await import(join(repo, 'src/store/parse-cache.ts'))) as typeof import('../src/store/parse-cache.js');
const { loadPages } = (await import(join(repo, 'src/store/load-content.ts'))) as typeof import('../src/store/load-content.js');
const { GraphBuilder } = (await import(join(repo, 'src/graph/graph-builder.ts'))) as typeof import('../src/graph/graph-builder.js');
const { realpath } = await import('node:fs/promises');

const parts: string[] = [];
let wall = performance.now();
let cpu = process.cpuUsage();
const lap = (name: string) => {
  const used = process.cpuUsage(cpu);
  parts.push(`${name} ${(performance.now() - wall).toFixed(0)}/${((used.user + used.system) / 1000).toFixed(0)}`);
  wall = performance.now();
  cpu = process.cpuUsage();
};
const root = await realpath(dir);
const cache = await ParseCache.open(cacheDir, root, {});
lap('cache');
const loaded = await loadPages(root, {}, { cache, parallel: true, stampFirst: true } as Parameters<typeof loadPages>[2]);
lap('read');
cache.keepOnly(new Set(loaded.pages.keys()));
await cache.save();
lap('save');
const graph = new GraphBuilder().apply(loaded.pages);
lap('graph');
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heap = process.memoryUsage();
console.log(
  `${repo}: ${loaded.pages.size} pages, ${cache.hitCount} from the cache, ${graph.events.size} events; ms wall/cpu: ${parts.join(', ')}; ` +
    `heap ${(heap.heapUsed / 2 ** 20).toFixed(0)} MB${gc ? ' after gc' : ''}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
