import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/model/graph.js';
import type { Log } from '../src/model/log.js';
import { ContentStore } from '../src/store/content-store.js';
import { GRAPH_SNAPSHOT_FILE } from '../src/store/graph-snapshot.js';
import { listPageFiles } from '../src/store/folder-scan.js';
import { discoverPages } from '../src/content/discover.js';
import { generateContent } from '../bench/generate.js';
import { execute, yogaFor } from './helpers/graphql.js';
import { sharedDir } from './helpers/shared.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * The graph kept beside the parse cache: a start that does not follow edits (keepRecords: false)
 * on files that all have the stamps they had loads it instead of reading records and building,
 * and serves the same graph; any changed, added or removed file, other code or settings, or a
 * damaged file, and the pages are read as before.
 */

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `meetup-snapshot-${name}-`));
  temps.push(dir);
  return dir;
}

/** Everything a graph holds but its version, maps as their entries in iteration order. */
function contentOf(graph: Graph): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(graph)
      .filter(([name]) => name !== 'version')
      .map(([name, value]) => [name, value instanceof Map || (typeof value === 'object' && value !== null && 'entries' in value && !Array.isArray(value)) ? [...(value as Map<string, unknown>)] : value]),
  );
}

/** A log that keeps its lines. */
function recordingLog(): Log & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_: object, message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Opens `dir` the way `serve --no-watch` does, after a start that kept the snapshot. */
async function startTwice(dir: string, cacheDir: string, log: Log = recordingLog()): Promise<{ built: Graph; loaded: ContentStore }> {
  const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, log });
  expect(first.openedFromSnapshot).toBe(false);
  expect(await first.keepSnapshot()).toBe(true);
  const built = first.current();
  await first.close();
  const loaded = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false, log });
  return { built, loaded };
}

const corpus = `${sharedDir}corpus/`;
const sites = existsSync(`${corpus}gold`)
  ? readdirSync(`${corpus}gold`, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(`${corpus}${e.name}`))
      .map((e) => e.name)
  : [];

describe('a graph read from the snapshot', () => {
  it('finds the corpus sites', () => expect(sites.length).toBeGreaterThanOrEqual(3));

  it.each(sites)('equals the graph built from the pages, on %s', async (site) => {
    const { built, loaded } = await startTwice(`${corpus}${site}`, await tempDir('cache'));
    expect(loaded.openedFromSnapshot).toBe(true);
    expect(loaded.pageCount).toBeGreaterThan(10);
    expect(contentOf(loaded.current())).toEqual(contentOf(built));
    expect(loaded.current().version).not.toBe(built.version);
    // Diagnostics are part of the graph: the corpus has some.
    expect(loaded.current().diagnostics).toEqual(built.diagnostics);
  }, 120_000);

  it('equals the graph built from generated pages, and names the search index the build named', async () => {
    const dir = await tempDir('generated');
    await generateContent(dir, 150);
    const cacheDir = await tempDir('cache');
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    const key = first.openingFile('x')?.key;
    await first.keepSnapshot();
    const loaded = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false });
    expect(loaded.openedFromSnapshot).toBe(true);
    expect(loaded.pageCount).toBe(150);
    expect(contentOf(loaded.current())).toEqual(contentOf(first.current()));
    expect(loaded.openingFile('x')).toMatchObject({ key, graph: loaded.current().version });
  }, 120_000);

  it('answers GraphQL as the built graph does, searches included', async () => {
    const { built, loaded } = await startTwice(`${corpus}${sites[0]}`, await tempDir('cache'));
    expect(loaded.openedFromSnapshot).toBe(true);
    const title = [...built.talks.values()][0]?.title.slice(0, 4) ?? 'meetup';
    const queries = [
      '{ events(first: 5) { totalCount edges { node { id title date city body talks { title speakers { name } } resources { url } projects { slug } } } } }',
      '{ speakers(first: 10) { edges { node { id name talks { id } events { id } } } } }',
      '{ talks(last: 10) { edges { node { id title related(first: 3) { id } } } } }',
      '{ stats { events talks speakers projects eventsByCity { key count } } }',
      `{ search(query: ${JSON.stringify(title)}, first: 10) { totalCount edges { node { field score snippet node { __typename ... on Event { id } ... on Talk { id } ... on Speaker { id } ... on Project { id } } } } } }`,
    ];
    for (const query of queries) {
      const fresh = await execute(yogaFor(built), query);
      const read = await execute(yogaFor(loaded.current()), query);
      expect(fresh.errors).toBeUndefined();
      expect(read).toEqual(fresh);
    }
  }, 120_000);
});

const page = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;
async function smallSite(): Promise<{ dir: string; cacheDir: string }> {
  const folder = await tempContent({ 'zh/a/index.md': page('甲'), 'zh/b/index.md': page('乙'), 'zh/c/index.md': page('丙') });
  temps.push(folder.dir);
  return { dir: folder.dir, cacheDir: await tempDir('cache') };
}

describe('a snapshot that does not fit', () => {
  it.each([
    ['a changed file', (dir: string) => writeFile(join(dir, 'zh/b/index.md'), page('乙的新标题'))],
    ['a file touched (its text the same)', (dir: string) => utimes(join(dir, 'zh/b/index.md'), new Date(), new Date(Date.now() + 5000))],
    ['an added file', (dir: string) => writeFile(join(dir, 'zh/d.md'), page('丁'))],
    ['a removed file', (dir: string) => unlink(join(dir, 'zh/c/index.md'))],
  ] as const)('is not used after %s: the pages are read', async (_, change) => {
    const { dir, cacheDir } = await smallSite();
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    await first.keepSnapshot();
    await change(dir);
    const log = recordingLog();
    const next = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false, log });
    expect(next.openedFromSnapshot).toBe(false);
    const fresh = await ContentStore.open(dir, {}, {});
    expect(contentOf(next.current())).toEqual(contentOf(fresh.current()));
    expect(log.lines.filter((l) => /graph snapshot not used/.test(l.message))).toEqual([{ level: 'info', message: expect.stringMatching(/other files or by other code/) }]);
  });

  it('is not used by other reading settings (another fingerprint)', async () => {
    const { dir, cacheDir } = await smallSite();
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    await first.keepSnapshot();
    const log = recordingLog();
    const next = await ContentStore.open(dir, { defaultOffset: '+02:00' }, { parseCacheDir: cacheDir, keepRecords: false, log });
    expect(next.openedFromSnapshot).toBe(false);
    expect(log.lines.filter((l) => l.level !== 'debug')).toEqual([{ level: 'info', message: expect.stringMatching(/other files or by other code/) }]);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100)],
    ['a flipped byte', (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i === bytes.length - 50 ? b ^ 0xff : b)))],
    ['padded', (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc(4)])],
    ['empty', () => Buffer.alloc(0)],
    ['not a snapshot', () => Buffer.from('{"not":"a snapshot"}')],
  ] as const)('is not used when it is %s: one info line and the pages are read', async (_, damage) => {
    const { dir, cacheDir } = await smallSite();
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    await first.keepSnapshot();
    const path = first.openingFile(GRAPH_SNAPSHOT_FILE)?.path as string;
    await writeFile(path, damage(await readFile(path)));
    const log = recordingLog();
    const next = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false, log });
    expect(next.openedFromSnapshot).toBe(false);
    expect(contentOf(next.current())).toEqual(contentOf(first.current()));
    expect(log.lines.filter((l) => l.level !== 'debug')).toEqual([{ level: 'info', message: expect.stringMatching(/graph snapshot not used \(it (is damaged|was made from other)/) }]);
  });

  it('is not read by a store that keeps its records (it follows edits), and is written again only when it is stale', async () => {
    const { dir, cacheDir } = await smallSite();
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    expect(await first.keepSnapshot()).toBe(true);
    expect(await first.keepSnapshot()).toBe(false);
    const watching = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    expect(watching.openedFromSnapshot).toBe(false);
    await truncate(first.openingFile(GRAPH_SNAPSHOT_FILE)?.path as string, 10);
    expect(await watching.keepSnapshot()).toBe(true);
  });
});

describe('a store without records', () => {
  it.each([
    ['opened from the snapshot', true],
    ['that dropped them after building', false],
  ])('%s reads every page again on its first reload and serves the edit', async (_, snapshot) => {
    const { dir, cacheDir } = await smallSite();
    if (snapshot) await (await ContentStore.open(dir, {}, { parseCacheDir: cacheDir })).keepSnapshot();
    const store = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false });
    expect(store.openedFromSnapshot).toBe(snapshot);
    const changes: (readonly string[])[] = [];
    store.onChange((change) => changes.push(change.changed));
    await writeFile(join(dir, 'zh/b/index.md'), page('乙的新标题'));
    await writeFile(join(dir, 'zh/d.md'), page('丁'));
    await store.reload([join(dir, 'zh/b/index.md'), join(dir, 'zh/d.md')]);
    expect(store.current().events.get('zh/b')?.title).toBe('乙的新标题');
    expect(store.current().events.get('zh/d')?.title).toBe('丁');
    expect(store.pageCount).toBe(4);
    // Told as a change of every page: the pages may have changed since the start.
    expect(changes[0]).toEqual(['zh/a/index.md', 'zh/b/index.md', 'zh/c/index.md', 'zh/d.md']);
    const fresh = await ContentStore.open(dir, {}, {});
    expect(contentOf(store.current())).toEqual(contentOf(fresh.current()));
    await store.close();
  });

  it('follows edits once watched', async () => {
    const { dir, cacheDir } = await smallSite();
    await (await ContentStore.open(dir, {}, { parseCacheDir: cacheDir })).keepSnapshot();
    const store = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false });
    expect(store.openedFromSnapshot).toBe(true);
    await store.watch({ quietMs: 20 });
    try {
      await writeFile(join(dir, 'zh/a/index.md'), page('甲的新标题'));
      for (let i = 0; i < 200 && store.current().events.get('zh/a')?.title !== '甲的新标题'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(store.current().events.get('zh/a')?.title).toBe('甲的新标题');
    } finally {
      await store.close();
    }
  });
});

describe('the listing of a snapshot start', () => {
  const discovered = async (dir: string) => (await discoverPages(dir)).filter((f) => !f.isSection);

  it.each(sites)('lists the page files discoverPages lists, in its order, on %s', async (site) => {
    const listed = await listPageFiles(`${corpus}${site}`);
    expect(listed?.length).toBeGreaterThan(10);
    expect(listed).toEqual(await discovered(`${corpus}${site}`));
  });

  it('skips what discoverPages skips (links, hidden and skipped folders, other files, section pages)', async () => {
    const { dir } = await smallSite();
    const outside = await tempDir('outside');
    await writeFile(join(outside, 'x.md'), page('外'));
    await symlink(join(outside, 'x.md'), join(dir, 'zh/linked.md'));
    await symlink(outside, join(dir, 'zh/linked-folder'));
    for (const folder of ['.hidden', 'node_modules/pkg', 'zh/.git', 'en/deep/er/still']) await mkdir(join(dir, folder), { recursive: true });
    for (const file of ['.hidden/a.md', 'node_modules/pkg/README.md', 'zh/.git/b.md', 'zh/.draft.md', 'zh/_index.md', 'zh/notes.txt', 'en/deep/er/still/Page.MARKDOWN', 'en/deep/README.md']) await writeFile(join(dir, file), page('乙'));
    const listed = await listPageFiles(dir);
    expect(listed?.map((f) => f.sourcePath)).toEqual(['en/deep/README.md', 'en/deep/er/still/Page.MARKDOWN', 'zh/a/index.md', 'zh/b/index.md', 'zh/c/index.md']);
    expect(listed).toEqual(await discovered(dir));
  });

  it.each([
    ['a name that is not UTF-8', (dir: string): Promise<void> => writeFile(Buffer.concat([Buffer.from(join(dir, 'zh/')), Buffer.from([0xff, 0x2e, 0x6d, 0x64])]), page('坏'))],
    ['a named pipe named like a page', async (dir: string): Promise<void> => void execFileSync('mkfifo', [join(dir, 'zh/pipe.md')])],
  ] as const)('gives up on %s (discoverPages says why the page is missing) and the snapshot is not used', async (_, add) => {
    const { dir, cacheDir } = await smallSite();
    await add(dir);
    expect(await listPageFiles(dir)).toBeNull();
    const first = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir });
    expect(await first.keepSnapshot()).toBe(false);
    const next = await ContentStore.open(dir, {}, { parseCacheDir: cacheDir, keepRecords: false });
    expect(next.openedFromSnapshot).toBe(false);
    expect(contentOf(next.current())).toEqual(contentOf(first.current()));
  });
});
