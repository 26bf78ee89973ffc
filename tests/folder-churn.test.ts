import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { shortOrLong } from './helpers/long-run.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * Issue 12's churn: pages and whole folders created, edited, renamed, deleted and replaced (with
 * thousands of files at once, and the content folder itself swapped by rename) while requests
 * flow over HTTP. At the end the served pages are exactly the files on disk, with the text last
 * written, and every answer was 2xx. `npm test` writes 2,000 files at once, `npm run test:long`
 * 20,000 (beyond the kernel's default queue of 16,384 events). The figures are printed.
 */
const AT_ONCE = shortOrLong(2_000, 20_000);
/** A hang detector only: the run waits for the outcome, not for a time. */
const PATIENCE_MS = shortOrLong(240_000, 600_000);
const CLIENTS = 4;
/** Each client's pause between an answer and its next request. */
const THINK_MS = 20;

const page = (title: string) => `---\ntitle: "${title}"\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
/** source path → title, for every page on disk. */
const written = new Map<string, string>();
let rev = 0;

async function put(path: string): Promise<void> {
  const title = `Churn ${path} r${++rev}`;
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), page(title));
  written.set(path, title);
}

function forget(prefix: string): void {
  for (const path of [...written.keys()]) if (path.startsWith(prefix)) written.delete(path);
}

async function onDisk(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

beforeAll(async () => {
  const t = await tempContent({});
  dir = t.dir;
  cleanup = async () => {
    await t.cleanup();
    await rm(`${dir}-old`, { recursive: true, force: true });
    await rm(`${dir}-next`, { recursive: true, force: true });
  };
  for (let i = 0; i < 20; i++) await put(`zh/start-${i}/index.md`);
});

// Removing three copies of 20,000 files takes longer than the default 10 s hook timeout.
afterAll(async () => cleanup(), 180_000);

// The steps themselves (writing 20,000 files on a loaded machine) take minutes before the wait.
describe('churn in the content folder while requests flow', { timeout: 2 * PATIENCE_MS }, () => {
  it('ends serving exactly the files on disk, having answered every request', async () => {
    const store = await ContentStore.open(dir);
    await store.watch();
    const yoga = createMeetupYoga(store);
    const server = createHttpServer(yoga);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const statuses = new Map<number | string, number>();
    let slowest = 0;
    const stalls = monitorEventLoopDelay({ resolution: 20 });
    stalls.enable();
    let flowing = true;
    const client = async (n: number) => {
      const queries = ['{ stats { events } }', '{ events(first: 20) { totalCount edges { node { slug title } } } }', '{ search(query: "start", first: 5) { totalCount } }'];
      for (let i = n; flowing; i++) {
        const at = performance.now();
        // A failed exchange is counted by its error code, so the run ends with every outcome.
        const status = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queries[i % queries.length] }) }).then(
          async (response) => (await response.arrayBuffer(), response.status),
          (error: { cause?: { code?: string } }) => error.cause?.code ?? String(error),
        );
        slowest = Math.max(slowest, performance.now() - at);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        // Traffic, not a saturating benchmark: four clients that never pause keep the main thread
        // busy answering, and every step of reading files waits a turn of the event loop behind
        // them (20,000 files then take many minutes to be read; see the closing note of issue 12).
        await new Promise((r) => setTimeout(r, THINK_MS));
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    const started = performance.now();
    const steps: Record<string, number> = {};
    const step = async (name: string, work: () => Promise<void>) => {
      const at = performance.now();
      await work();
      steps[name] = Math.round(performance.now() - at);
      // Progress, so a run that is stopped by its timeout shows where it was.
      console.log(`churn: ${name} done in ${steps[name]} ms (${store.current().events.size} served)`);
    };
    try {
      await step(`${AT_ONCE} files at once`, async () => {
        const jobs: Promise<void>[] = [];
        for (let i = 0; i < AT_ONCE; i++) {
          jobs.push(put(`zh/bulk-${Math.floor(i / 100)}/p${i}/index.md`));
          if (jobs.length >= 128) await Promise.all(jobs.splice(0));
        }
        await Promise.all(jobs);
      });
      await step('edits', async () => {
        for (let i = 0; i < 50; i++) {
          const n = (i * 37) % 300;
          await put(`zh/bulk-${Math.floor(n / 100)}/p${n}/index.md`);
        }
      });
      await step('folder renames', async () => {
        for (let i = 0; i < 20; i++) {
          const from = `zh/bulk-1/p${100 + i}`;
          await rename(join(dir, from), join(dir, `${from}-moved`));
          const title = written.get(`${from}/index.md`) as string;
          forget(`${from}/`);
          written.set(`${from}-moved/index.md`, title);
        }
      });
      await step('folder deletes', async () => {
        for (const n of [4, 5]) {
          await rm(join(dir, `zh/bulk-${n}`), { recursive: true });
          forget(`zh/bulk-${n}/`);
        }
      });
      await step('folder replacements', async () => {
        for (const n of [6, 7]) {
          await rm(join(dir, `zh/bulk-${n}`), { recursive: true });
          forget(`zh/bulk-${n}/`);
          for (let i = 0; i < 30; i++) await put(`zh/bulk-${n}/again-${n}-${i}/index.md`);
        }
      });
      await step('rename storm', async () => {
        const names = ['index.md', 'renamed.md', 'other.md'];
        const folder = join(dir, 'zh/start-0');
        let at = 'index.md';
        for (let i = 1; i <= 300; i++) {
          const to = names[i % 3] as string;
          await rename(join(folder, at), join(folder, to));
          at = to;
        }
        await rename(join(folder, at), join(folder, 'index.md'));
      });
      await step('content folder swapped by rename', async () => {
        execFileSync('cp', ['-r', dir, `${dir}-next`]);
        const next = dir;
        dir = `${dir}-next`;
        await put('zh/start-1/index.md');
        await put('zh/only-in-next/index.md');
        dir = next;
        await rename(dir, `${dir}-old`);
        await rename(`${dir}-next`, dir);
        // The folder moved away is no longer followed: this must not be served.
        await writeFile(join(`${dir}-old`, 'zh/start-2/index.md'), page('moved away'));
      });
      const expected = [...written.keys()].sort();
      expect(await onDisk()).toEqual(expected);
      const servedNow = () => [...store.current().events.values()].map((e) => `${e.sourcePath}=${e.title}`).sort();
      const want = expected.map((path) => `${path}=${written.get(path)}`);
      const waitFrom = performance.now();
      const deadline = Date.now() + PATIENCE_MS;
      let said = Date.now();
      // Counted first: comparing 20,000 titles every 100 ms would be load of its own.
      const same = () => store.current().events.size === want.length && servedNow().join('\n') === want.join('\n');
      while (!same() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        if (Date.now() - said > 10_000) {
          said = Date.now();
          console.log(`churn: waiting, ${store.current().events.size} served of ${want.length}`);
        }
      }
      steps['until served equals disk'] = Math.round(performance.now() - waitFrom);
      const served = servedNow();
      if (served.join('\n') !== want.join('\n')) {
        const missing = want.filter((w) => !served.includes(w));
        const extra = served.filter((w) => !want.includes(w));
        console.log(`churn: ${missing.length} missing, e.g. ${missing.slice(0, 5).join(' | ')}; ${extra.length} extra, e.g. ${extra.slice(0, 5).join(' | ')}`);
      }
      expect(served).toEqual(want);
      expect(store.current().diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([]);
      const answer = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { events } }' }) })).json()) as { data: { stats: { events: number } } };
      expect(answer.data.stats.events).toBe(expected.length);
    } finally {
      flowing = false;
      await Promise.all(clients);
      await store.close();
      await new Promise((done) => server.close(done));
    }
    stalls.disable();
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `churn: ${written.size} pages at the end; ${total} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `slowest answer ${Math.round(slowest)} ms, longest event-loop stall ${Math.round(stalls.max / 1e6)} ms; ` +
        `steps (ms) ${JSON.stringify(steps)}; ${Math.round(performance.now() - started)} ms in all`,
    );
    expect([...statuses.keys()]).toEqual([200]);
    expect(total).toBeGreaterThan(0);
  });
});
