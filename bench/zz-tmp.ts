import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContent } from './generate.js';
import { loadContent } from '../src/store/load-content.js';
import { buildSearchIndex } from '../src/search/search-index.js';
const dir = await mkdtemp(join(tmpdir(), 'zz-'));
await generateContent(dir, 3000);
const { graph } = await loadContent(dir);
const idx = buildSearchIndex(graph);
(globalThis as any).__t = { acc: 0, collect: 0, sort: 0, hits: 0 };
for (const q of ['网关', '注册中心', 'mesh', '网关', '注册中心', 'mesh']) {
  for (const k of Object.keys((globalThis as any).__t)) (globalThis as any).__t[k] = 0;
  const t = performance.now();
  for (let i = 0; i < 1000; i++) idx.search(q);
  console.log(q, ((performance.now() - t) / 1000).toFixed(3), Object.entries((globalThis as any).__t).map(([k, v]) => `${k} ${((v as number) / 1000).toFixed(3)}`).join(' '));
}
