import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateContent } from './generate.js';
import { loadContent } from '../src/store/load-content.js';
import { buildSearchIndex, searchIndexFor } from '../src/search/search-index.js';

/**
 * The search index in process, on generated pages: how long building it holds the event loop
 * at once (`buildSearchIndex`, what the first search paid before issue 13) and in slices
 * (`searchIndexFor`, what the service does now), its heap, and search latency per query (a
 * 2-character Chinese word among them). `npx tsx bench/search-index.ts [pages]` (default 10,000);
 * run with `--expose-gc` through `node --expose-gc --import tsx` for the heap figure.
 */
const pages = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'bench-search-'));
try {
  await generateContent(dir, pages);
  // One graph per build: each is indexed once and remembered.
  const { graph: once } = await loadContent(dir);
  const { graph: sliced } = await loadContent(dir);

  const heapBefore = heap();
  let at = performance.now();
  const atOnce = buildSearchIndex(once);
  const onceMs = performance.now() - at;
  const heapAfter = heap();

  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  at = performance.now();
  await searchIndexFor(sliced);
  const slicedMs = performance.now() - at;
  stalls.disable();

  console.log(`${pages} pages: ${once.events.size} events, ${once.talks.size} talks, ${once.speakers.size} speakers`);
  console.log(`index built at once: ${Math.round(onceMs)} ms with the event loop held throughout; heap +${mb(heapAfter - heapBefore)} MB`);
  console.log(`index built in slices: ${Math.round(slicedMs)} ms; longest event-loop stall ${Math.round(stalls.max / 1e6)} ms`);

  for (const query of ['网关', '注册中心', 'Service Mesh', 'mesh', '灰度 发布']) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      hits = atOnce.search(query).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`search "${query}": ${hits} hits; p50 ${times[29]?.toFixed(1)} ms, p99 ${times[59]?.toFixed(1)} ms`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

function heap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}
