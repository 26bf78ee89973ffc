import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate.js';
import { ContentStore } from '../src/store/content-store.js';
import { loadContent } from '../src/store/load-content.js';

const dir = await mkdtemp(join(tmpdir(), 'meetup-parallel-'));
const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-parse-cache-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('start-up of a large folder', () => {
  it('gives the same graph whether pages are parsed in worker threads, in the main thread, or taken from the parse cache', async () => {
    await generateContent(dir, 320);
    const single = (await loadContent(dir)).graph;
    const parallel = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    const cached = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    expect(cached.cachedPageCount).toBe(320);
    for (const store of [parallel, cached]) {
      const graph = store.current();
      expect(graph.eventOrder).toEqual(single.eventOrder);
      expect([...graph.talks.values()]).toEqual([...single.talks.values()]);
      expect([...graph.speakers.values()]).toEqual([...single.speakers.values()]);
    }
  }, 120_000);
});
