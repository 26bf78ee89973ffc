import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateContent } from './generate.js';
import { loadContent } from '../src/store/load-content.js';
import type { Graph } from '../src/model/graph.js';
import * as current from '../src/search/search-index.js';
import * as minisearch from './minisearch-index.js';
import { heap, pick } from './measure.js';

/**
 * The search index in process, on generated pages, for the service's engine (src/search) and
 * the MiniSearch one it replaced (bench/minisearch-index.ts), in one run so the ratios hold on a
 * busy machine: how long a build takes at once and in slices (the service's way), the longest
 * event-loop stall of the sliced build, the index's heap, and search latency per query (a
 * 2-character Chinese word among them). `node --expose-gc --import tsx bench/search-index.ts
 * [pages]` (default 10,000; without --expose-gc the heap figures are noise). `ENGINES=new` skips
 * MiniSearch.
 */
interface Engine {
  buildSearchIndex(graph: Graph): { search(query: string): { length: number }; find?(query: string): { best(n: number): unknown[] } };
  searchIndexFor(graph: Graph): Promise<unknown>;
}
const engines: Record<string, Engine> = { new: current, minisearch };
const chosen = (process.env.ENGINES ?? 'new,minisearch').split(',');
const QUERIES = ['网关', '注册中心', 'Service Mesh', 'mesh', '灰度 发布', 'kubernets', '张一'];
const ROUNDS = 100;

const pages = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'bench-search-'));
try {
  await generateContent(dir, pages);
  for (const name of chosen) {
    const engine = engines[name];
    if (!engine) throw new Error(`no engine ${name}`);
    // One graph per build: each is indexed once and remembered.
    const { graph: once } = await loadContent(dir);
    const { graph: sliced } = await loadContent(dir);
    if (name === chosen[0]) console.log(`${pages} pages: ${once.events.size} events, ${once.talks.size} talks, ${once.speakers.size} speakers`);

    const heapBefore = heap();
    let at = performance.now();
    const atOnce = engine.buildSearchIndex(once);
    const onceMs = performance.now() - at;
    const heapAfter = heap();

    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    at = performance.now();
    await engine.searchIndexFor(sliced);
    const slicedMs = performance.now() - at;
    stalls.disable();

    console.log(`[${name}] built at once ${Math.round(onceMs)} ms, heap and array buffers +${mb(heapAfter - heapBefore)} MB; in slices ${Math.round(slicedMs)} ms, longest event-loop stall ${Math.round(stalls.max / 1e6)} ms`);
    for (const query of QUERIES) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        hits = atOnce.search(query).length;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      let line = `[${name}] search "${query}": ${hits} hits, all ranked: p50 ${pick(times, 0.5)} ms, p99 ${pick(times, 0.99)} ms`;
      if (atOnce.find) {
        // What GraphQL's search(first: 10) asks for: the count and the best ten only.
        const firstTen: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const start = performance.now();
          atOnce.find(query).best(10);
          firstTen.push(performance.now() - start);
        }
        firstTen.sort((a, b) => a - b);
        line += `; best 10: p50 ${pick(firstTen, 0.5)} ms, p99 ${pick(firstTen, 0.99)} ms`;
      }
      console.log(line);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}


function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}
