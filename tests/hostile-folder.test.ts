import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { silentLog } from '../src/model/log.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * Issue 12, rows C, D, E, F, L: the content folder treated as hostile and changing, on the real
 * file system with the real watcher. Waits poll for the outcome; their limits only detect hangs.
 */
const page = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;
const PATIENCE_MS = 90_000;
/** Fast checks, so a test waits for the outcome rather than for a timer. */
const WATCH = { folderCheckMs: 50, rescanMs: 60_000, quietMs: 100 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openStore(files: Record<string, string | Buffer>) {
  const t = await tempContent(files);
  const store = await ContentStore.open(t.dir, {}, { log: silentLog });
  await store.watch(WATCH);
  cleanups.push(t.cleanup, () => store.close());
  return { dir: t.dir, store };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const served = (store: ContentStore) => [...store.current().events.values()].map((e) => e.sourcePath).sort();
const codes = (store: ContentStore, path: string) => store.current().diagnostics.filter((d) => d.path === path).map((d) => `${d.code}: ${d.message}`);

/** Every markdown page under `dir` now, as the store names them. */
async function onDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.md$/.test(e.name))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('a content folder that is hostile and changing', { timeout: 3 * PATIENCE_MS }, () => {
  it('never opens a named pipe saved as a page: it is reported, and later edits and the shutdown go on (row C)', async () => {
    const t = await tempContent({ 'zh/alpha/index.md': page('第一版') });
    cleanups.push(t.cleanup);
    execFileSync('mkfifo', [join(t.dir, 'zh/at-start.md')]);
    // At start-up: a blocking open of a pipe without a writer never returns.
    const store = await ContentStore.open(t.dir, {}, { log: silentLog });
    cleanups.push(() => store.close());
    expect(codes(store, 'zh/at-start.md')).toEqual([expect.stringMatching(/^UNREADABLE_FILE: it is a named pipe, not a file; only regular files are opened/)]);
    await store.watch(WATCH);
    execFileSync('mkfifo', [join(t.dir, 'zh/later.md')]);
    await until(() => codes(store, 'zh/later.md').length > 0, 'the pipe reported');
    expect(codes(store, 'zh/later.md')).toEqual([expect.stringMatching(/^UNREADABLE_FILE: it is a named pipe/)]);
    await writeFile(join(t.dir, 'zh/alpha/index.md'), page('第二版'));
    await until(() => store.current().events.get('zh/alpha')?.title === '第二版', 'the edit after the pipe');
    await store.close();
  });

  it('stops being ready while its folder is gone, keeps serving, and serves the folder that returns (row D)', async () => {
    const { dir, store } = await openStore({ 'zh/alpha/index.md': page('第一版'), 'zh/beta/index.md': page('另一场') });
    const yoga = createMeetupYoga(store);
    const readyz = async () => (await yoga.fetch('http://localhost/readyz')).status;
    expect(await readyz()).toBe(200);
    await rm(dir, { recursive: true });
    await until(async () => (await readyz()) === 503, '/readyz not ready');
    const body = (await (await yoga.fetch('http://localhost/readyz')).json()) as { reason?: string };
    expect(body.reason).toMatch(/content folder is gone/);
    // Requests are still answered (from what was read before).
    expect((await yoga.fetch('http://localhost/graphql?query={stats{events}}')).status).toBe(200);
    await mkdir(join(dir, 'zh/gamma'), { recursive: true });
    await writeFile(join(dir, 'zh/gamma/index.md'), page('回来了'));
    await until(async () => (await readyz()) === 200, '/readyz ready again');
    await until(() => served(store).join() === 'zh/gamma/index.md', 'the returned folder served');
    // And it is followed again.
    await writeFile(join(dir, 'zh/gamma/index.md'), page('又改了'));
    await until(() => store.current().events.get('zh/gamma')?.title === '又改了', 'an edit in the returned folder');
  });

  it('follows a folder swapped in by rename, and not the one moved away (row D)', async () => {
    const { dir, store } = await openStore({ 'zh/alpha/index.md': page('旧的') });
    const next = `${dir}-next`;
    const old = `${dir}-old`;
    await mkdir(join(next, 'zh/delta'), { recursive: true });
    await writeFile(join(next, 'zh/delta/index.md'), page('新的'));
    cleanups.push(() => rm(next, { recursive: true, force: true }), () => rm(old, { recursive: true, force: true }));
    await rename(dir, old);
    await rename(next, dir);
    await until(() => served(store).join() === 'zh/delta/index.md', 'the swapped-in folder served');
    await writeFile(join(old, 'zh/alpha/index.md'), page('旧的改了'));
    await writeFile(join(dir, 'zh/delta/index.md'), page('新的改了'));
    await until(() => store.current().events.get('zh/delta')?.title === '新的改了', 'an edit in the new folder');
    await store.settled();
    expect(served(store)).toEqual(['zh/delta/index.md']);
  });

  it('serves exactly the files that exist after a storm of renames (row F)', async () => {
    const { dir, store } = await openStore({ 'zh/alpha/index.md': page('第一版'), 'zh/stay/index.md': page('不动') });
    const names = ['index.md', 'renamed.md', 'other.md'];
    let at = 'index.md';
    for (let i = 1; i <= 300; i++) {
      const to = names[i % 3] as string;
      await rename(join(dir, 'zh/alpha', at), join(dir, 'zh/alpha', to));
      at = to;
    }
    if (at !== 'index.md') await rename(join(dir, 'zh/alpha', at), join(dir, 'zh/alpha/index.md'));
    const expected = await onDisk(dir);
    await until(() => served(store).join() === expected.join(), 'the files on disk served');
    await store.settled();
    expect(served(store)).toEqual(['zh/alpha/index.md', 'zh/stay/index.md']);
    expect(store.current().diagnostics.map((d) => d.code)).not.toContain('DUPLICATE_SLUG');
    expect(store.pageCount).toBe(2);
  });

  it('says a file name is not UTF-8 rather than losing the page, at start and when one is added (row L)', async () => {
    const t = await tempContent({ 'zh/alpha/index.md': page('第一版') });
    cleanups.push(t.cleanup);
    const latin1 = (name: string) => Buffer.concat([Buffer.from(`${t.dir}/zh/`), Buffer.from(name, 'latin1')]);
    await writeFile(latin1('caf\u00e9-start.md'), page('开始'));
    const store = await ContentStore.open(t.dir, {}, { log: silentLog });
    cleanups.push(() => store.close());
    const said = (name: string) => codes(store, `zh/caf\uFFFD-${name}.md`);
    expect(said('start')).toEqual([expect.stringMatching(/^UNREADABLE_FILE: its name is not valid UTF-8 .*rename the file/)]);
    await store.watch(WATCH);
    await writeFile(latin1('caf\u00e9-later.md'), page('后来'));
    await until(() => said('later').length > 0, 'the later name reported');
    expect(said('later')).toEqual([expect.stringMatching(/^UNREADABLE_FILE: its name is not valid UTF-8/)]);
    expect(served(store)).toEqual(['zh/alpha/index.md']);
  });

  it('compares the folder with what is served, by stamps, reading only what changed', async () => {
    const t = await tempContent({ 'zh/alpha/index.md': page('第一版'), 'zh/beta/index.md': page('另一场') });
    cleanups.push(t.cleanup);
    // No watcher: only the comparison can see these.
    const store = await ContentStore.open(t.dir, {}, { log: silentLog });
    cleanups.push(() => store.close());
    await writeFile(join(t.dir, 'zh/alpha/index.md'), page('第二版'));
    await rm(join(t.dir, 'zh/beta'), { recursive: true });
    await mkdir(join(t.dir, 'zh/gamma'));
    await writeFile(join(t.dir, 'zh/gamma/index.md'), page('新来的'));
    const change = await store.reconcile([store.current() ? await realRoot(t.dir) : t.dir]);
    expect(change.changed).toEqual(['zh/alpha/index.md', 'zh/gamma/index.md']);
    expect(change.removed).toEqual(['zh/beta/index.md']);
    expect(served(store)).toEqual(['zh/alpha/index.md', 'zh/gamma/index.md']);
    // Nothing changed since: nothing is read again.
    expect((await store.reconcile([await realRoot(t.dir)])).changed).toEqual([]);
  });
});

async function realRoot(dir: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(dir);
}
