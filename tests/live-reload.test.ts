import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga, type MeetupYoga } from '../src/server/yoga.js';
import { execute } from './helpers/graphql.js';
import { tempContent } from './helpers/temp-content.js';

const page = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let store: ContentStore;
let yoga: MeetupYoga;

beforeAll(async () => {
  const t = await tempContent({ 'zh/alpha/index.md': page('第一版'), 'zh/beta/index.md': page('另一场') });
  dir = t.dir;
  cleanup = t.cleanup;
  store = await ContentStore.open(dir);
  await store.watch();
  yoga = createMeetupYoga(store);
});

afterAll(async () => {
  await store.close();
  await cleanup();
});

interface Answer {
  event: { title: string } | null;
  diagnostics: { code: string; path: string; line: number | null }[];
}

const ask = async (slug: string) =>
  (await execute<Answer>(yoga, `query($slug: String!) { event(slug: $slug) { title } diagnostics { code path line } }`, { slug })).data;

/**
 * Polls until `check` holds: the watcher reports asynchronously. Gives up after 60 s, a hang
 * detector only (a reload shows within a second even on a busy machine), and returns the last
 * value for the caller's assertion to fail on.
 */
const PATIENCE_MS = 60_000;
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live content', { timeout: 2 * PATIENCE_MS + 30_000 }, () => {
  it('shows an edited page without a restart', async () => {
    expect((await ask('alpha'))?.event?.title).toBe('第一版');
    await writeFile(join(dir, 'zh/alpha/index.md'), page('第二版'));
    const after = await eventually(() => ask('alpha'), (a) => a?.event?.title === '第二版');
    expect(after?.event?.title).toBe('第二版');
  });

  it('keeps serving the last good version of a page that breaks, with a diagnostic, until it is fixed', async () => {
    await writeFile(join(dir, 'zh/alpha/index.md'), '---\ntitle: [oops\n---\n');
    const broken = await eventually(() => ask('alpha'), (a) => (a?.diagnostics.length ?? 0) > 0);
    expect(broken?.event?.title).toBe('第二版');
    expect(broken?.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['FRONT_MATTER_SYNTAX', 'zh/alpha/index.md'],
      ['STALE_PAGE', 'zh/alpha/index.md'],
    ]);
    await writeFile(join(dir, 'zh/alpha/index.md'), page('第三版'));
    const fixed = await eventually(() => ask('alpha'), (a) => a?.event?.title === '第三版');
    expect(fixed).toEqual({ event: { title: '第三版' }, diagnostics: [] });
  });

  it('follows pages added, renamed and deleted', async () => {
    await mkdir(join(dir, 'zh/gamma'), { recursive: true });
    await writeFile(join(dir, 'zh/gamma/index.md'), page('新来的'));
    expect((await eventually(() => ask('gamma'), (a) => a?.event !== null))?.event?.title).toBe('新来的');

    await rename(join(dir, 'zh/gamma'), join(dir, 'zh/delta'));
    expect((await eventually(() => ask('delta'), (a) => a?.event !== null))?.event?.title).toBe('新来的');
    expect((await eventually(() => ask('gamma'), (a) => a?.event === null))?.event).toBeNull();

    await rm(join(dir, 'zh/beta'), { recursive: true });
    expect((await eventually(() => ask('beta'), (a) => a?.event === null))?.event).toBeNull();
  });

  it('reloads a page once per change: a new folder is not read twice, a save that changes nothing is not a change', async () => {
    const changes: string[][] = [];
    const stop = store.onChange((c) => changes.push([...c.changed, ...c.removed]));
    try {
      await mkdir(join(dir, 'zh/epsilon'), { recursive: true });
      await writeFile(join(dir, 'zh/epsilon/index.md'), page('新文件夹'));
      await eventually(async () => store.current(), (g) => g.events.has('zh/epsilon'));
      await writeFile(join(dir, 'zh/epsilon/index.md'), page('新文件夹'));
      // A real edit after both: once it shows, the events of the folder and the save are handled.
      await writeFile(join(dir, 'zh/alpha/index.md'), page('之后的编辑'));
      await eventually(async () => store.current(), (g) => g.events.get('zh/alpha')?.title === '之后的编辑');
      await store.settled();
      expect(changes.filter((c) => c.includes('zh/epsilon/index.md'))).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('swaps the graph whole: a graph already handed out never changes', async () => {
    const before = store.current();
    const titleBefore = before.events.get('zh/alpha')?.title;
    await writeFile(join(dir, 'zh/alpha/index.md'), page('第四版'));
    await eventually(async () => store.current(), (g) => g !== before);
    expect(before.events.get('zh/alpha')?.title).toBe(titleBefore);
    expect(store.current().events.get('zh/alpha')?.title).toBe('第四版');
  });

  it('names the content version that answered, and names a new one only when the content reloads', async () => {
    const version = async () => (await execute<{ contentVersion: string }>(yoga, '{ contentVersion }')).data?.contentVersion ?? '';
    const before = await version();
    expect(before).not.toBe('');
    expect(await version()).toBe(before);
    await writeFile(join(dir, 'zh/alpha/index.md'), page('版本之后'));
    const after = await eventually(version, (v) => v !== before);
    expect(after).not.toBe(before);
    expect((await ask('alpha'))?.event?.title).toBe('版本之后');
    expect(await version()).toBe(after);
  });

  it('tells subscribers over server-sent events', async () => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { contentChanged { changed removed diagnostics { code } } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream');
    // The subscription starts listening when the stream is first read, which a busy machine may
    // delay past any fixed pause: edit (each time to a new title) until an event arrives.
    let text = '';
    let edits = 0;
    let heard = false;
    const editing = (async () => {
      while (!heard && edits < 100) {
        edits++;
        await writeFile(join(dir, 'zh/alpha/index.md'), page(`第五版 ${edits}`));
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const deadline = Date.now() + PATIENCE_MS;
    while (!text.includes('"changed"') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    heard = true;
    await reader.cancel();
    await editing;
    // The last edit is served before the next test starts, so no reload of it spills over.
    const last = `第五版 ${edits}`;
    expect((await eventually(async () => store.current(), (g) => g.events.get('zh/alpha')?.title === last)).events.get('zh/alpha')?.title).toBe(last);
    await store.settled();
    const data = text.split('\n').find((l) => l.startsWith('data:') && l.includes('contentChanged'));
    expect(JSON.parse(data?.slice(5) ?? '{}')).toEqual({ data: { contentChanged: { changed: ['zh/alpha/index.md'], removed: [], diagnostics: [] } } });
  });

  it('caches answers with an ETag until the content changes', async () => {
    const server = createHttpServer(yoga, { cache: new HttpResponseCache(store) });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ event(slug: "alpha") { title } }')}`;
    const get = (etag?: string) => fetch(url, { headers: { accept: 'application/graphql-response+json', ...(etag ? { 'if-none-match': etag } : {}) } });
    try {
      const first = await get();
      const etag = first.headers.get('etag') ?? '';
      expect(first.status).toBe(200);
      expect(etag).not.toBe('');
      const again = await get(etag);
      expect(again.status).toBe(304);

      await writeFile(join(dir, 'zh/alpha/index.md'), page('第六版'));
      const changed = await eventually(() => get(etag), (r) => r.status === 200);
      expect(changed.status).toBe(200);
      expect(await changed.json()).toEqual({ data: { event: { title: '第六版' } } });
      expect(changed.headers.get('etag')).not.toBe(etag);

      // POST answers are cached too, byte for byte.
      const post = () => fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: '{ event(slug: "alpha") { title } }' }) });
      const p1 = await post();
      const p2 = await post();
      expect(p2.headers.get('etag')).toBe(p1.headers.get('etag'));
      expect(await p2.text()).toBe(await p1.text());
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('does not follow symbolic links added while it runs', async () => {
    const outside = await tempContent({ 'secret/index.md': page('外面的目录'), 'loose.md': page('外面的文件') });
    try {
      const links = [join(dir, 'zh/linked-folder'), join(dir, 'zh/linked-page.md')];
      await symlink(join(outside.dir, 'secret'), links[0] ?? '');
      await symlink(join(outside.dir, 'loose.md'), links[1] ?? '');
      // What the watcher does when it reports the links, without waiting for it to.
      const change = await store.reload(links);
      expect(change.changed).toEqual([]);
      await store.settled();
      const titles = [...store.current().events.values()].map((e) => e.title);
      expect(titles).not.toContain('外面的目录');
      expect(titles).not.toContain('外面的文件');
    } finally {
      await outside.cleanup();
    }
  });

  it('answers without cache headers when the cache is off', async () => {
    const server = createHttpServer(yoga);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const r = await fetch(`http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('etag')).toBeNull();
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
