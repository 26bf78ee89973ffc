import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate.js';
import { ContentStore } from '../src/store/content-store.js';
import { loadContent } from '../src/store/load-content.js';

/** Workers are forced below, so the folder need not reach the 300 pages production waits for; more than the 64 pages read at once. */
const PAGES = 120;
const dir = await mkdtemp(join(tmpdir(), 'meetup-parallel-'));
const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-parse-cache-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('start-up of a large folder', () => {
  it('gives the same graph whether pages are parsed in worker threads, in the main thread, or taken from the parse cache', async () => {
    await generateContent(dir, PAGES);
    const single = await loadContent(dir);
    // Two workers whatever the machine: production starts them only from 300 pages on several
    // cores, which a one-core machine never has, and the test would then compare the main thread
    // with itself. The count below proves the pages really went through the workers.
    const parallel = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, parseWorkers: 2 });
    expect(parallel.workerParsedPageCount).toBe(PAGES);
    const cached = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, parseWorkers: 2 });
    expect(cached.cachedPageCount).toBe(PAGES);
    expect(cached.workerParsedPageCount).toBe(0);
    for (const store of [parallel, cached]) {
      const graph = store.current();
      expect(graph.eventOrder).toEqual(single.graph.eventOrder);
      expect([...graph.talks.values()]).toEqual([...single.graph.talks.values()]);
      expect([...graph.speakers.values()]).toEqual([...single.graph.speakers.values()]);
    }
    await Promise.all([parallel.close(), cached.close()]);
  }, 180_000);
});
