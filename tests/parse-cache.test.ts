import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import type { LoadedPage } from '../src/model/records.js';
import { extractorFingerprint, ParseCache } from '../src/store/parse-cache.js';
import { tempContent } from './helpers/temp-content.js';

const page = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;
const folder = await tempContent({ 'zh/a/index.md': page('甲'), 'zh/b/index.md': page('乙'), 'zh/c/index.md': page('丙') });
const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-cache-'));
afterAll(async () => {
  await folder.cleanup();
  await rm(cacheDir, { recursive: true, force: true });
});

describe('the parse cache', () => {
  it('serves unchanged pages from disk on the next start and reads changed ones again', async () => {
    const first = await ContentStore.open(folder.dir, {}, { parseCacheDir: cacheDir });
    expect(first.cachedPageCount).toBe(0);
    const second = await ContentStore.open(folder.dir, {}, { parseCacheDir: cacheDir });
    expect(second.cachedPageCount).toBe(3);

    await writeFile(join(folder.dir, 'zh/b/index.md'), page('乙的新标题'));
    const third = await ContentStore.open(folder.dir, {}, { parseCacheDir: cacheDir });
    expect(third.cachedPageCount).toBe(2);
    expect(third.current().events.get('zh/b')?.title).toBe('乙的新标题');
  });

  it('is not used across different reading settings', async () => {
    const other = await ContentStore.open(folder.dir, { defaultOffset: '+08:00' }, { parseCacheDir: cacheDir });
    expect(other.cachedPageCount).toBe(0);
  });

  it('keeps thousands of pages across several files, and a save replaces the files it read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meetup-cache-many-'));
    try {
      const stamp = (i: number) => ({ mtimeMs: 1000 + i, size: 10 + i, ino: 5000 + i });
      const pageOf = (i: number) => ({ record: null, diagnostics: [], marker: i }) as unknown as LoadedPage;
      const first = await ParseCache.open(dir, '/content', {});
      for (let i = 0; i < 1234; i++) first.set(`p${i}.md`, `text ${i}`, pageOf(i), stamp(i));
      await first.save();
      const files = async () => (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.json')).length;
      const written = await files();
      expect(written).toBeGreaterThan(2);

      const second = await ParseCache.open(dir, '/content', {});
      for (let i = 0; i < 1234; i++) expect(second.getByStamp(`p${i}.md`, stamp(i))).toEqual(pageOf(i));
      second.keepOnly(new Set(['p1.md', 'p2.md']));
      await second.save();
      expect(await files()).toBe(2); // the index and one file of entries

      const third = await ParseCache.open(dir, '/content', {});
      expect(third.getByStamp('p2.md', stamp(2))).toEqual(pageOf(2));
      expect(third.getByStamp('p3.md', stamp(3))).toBeUndefined();
      // Same size and time, another file (a checkout wrote a new one): read again, not trusted.
      expect(third.getByStamp('p2.md', { ...stamp(2), ino: 1 })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts empty, without throwing, from a damaged shard or one written in the older UTF-8 layout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meetup-cache-damaged-'));
    try {
      const stamp = { mtimeMs: 1, size: 2, ino: 3 };
      const pageOf = (title: string) => ({ record: null, diagnostics: [], title }) as unknown as LoadedPage;
      const first = await ParseCache.open(dir, '/content', {});
      first.set('a.md', 'text', pageOf('甲'), stamp);
      await first.save();
      expect((await ParseCache.open(dir, '/content', {})).getByStamp('a.md', stamp)).toEqual(pageOf('甲'));

      const [folder] = await readdir(dir);
      const index = JSON.parse(await readFile(join(dir, String(folder), 'index.json'), 'utf8')) as { shards: string[] };
      const shard = join(dir, String(folder), String(index.shards[0]));
      const written = await readFile(shard);
      // Cut short (an odd byte count), and the same entries as UTF-8 JSON under an index that names no encoding.
      await writeFile(shard, written.subarray(0, written.length - 7));
      expect((await ParseCache.open(dir, '/content', {})).getByStamp('a.md', stamp)).toBeUndefined();
      await writeFile(shard, Buffer.from(written.toString('utf16le'), 'utf8'));
      const { encoding, ...older } = JSON.parse(await readFile(join(dir, String(folder), 'index.json'), 'utf8')) as { encoding?: string };
      expect(encoding).toBeDefined();
      await writeFile(join(dir, String(folder), 'index.json'), JSON.stringify(older));
      expect((await ParseCache.open(dir, '/content', {})).getByStamp('a.md', stamp)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is invalidated by a change to any source file, however deep (a new layout, a moved module)', async () => {
    const src = await mkdtemp(join(tmpdir(), 'meetup-src-'));
    try {
      await mkdir(join(src, 'extract', 'layouts'), { recursive: true });
      await writeFile(join(src, 'extract', 'extract-page.ts'), 'export const a = 1;');
      await writeFile(join(src, 'extract', 'layouts', 'registry.ts'), 'export const layouts = [];');
      const fingerprint = () => extractorFingerprint({ defaultOffset: '+08:00' }, src);
      const before = await fingerprint();
      expect(await fingerprint()).toBe(before);
      await writeFile(join(src, 'extract', 'layouts', 'title-by-name.ts'), 'export const layout = {};');
      const added = await fingerprint();
      expect(added).not.toBe(before);
      await writeFile(join(src, 'extract', 'layouts', 'registry.ts'), 'export const layouts = [1];');
      expect(await fingerprint()).not.toBe(added);
      // The reading settings count too.
      expect(await extractorFingerprint({ defaultOffset: '+00:00' }, src)).not.toBe(await fingerprint());
    } finally {
      await rm(src, { recursive: true, force: true });
    }
  });
});
