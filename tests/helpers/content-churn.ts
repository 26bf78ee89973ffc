import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentStore } from '../../src/store/content-store.js';
import type { Graph } from '../../src/model/graph.js';
import { brokenPage, meetupPage } from './meetup-page.js';

/** The generated pages carry this tag and this word in their titles (lists and searches find them). */
export const CHURN_TAG = 'load';
export const CHURN_WORD = 'Zorblax';

const pathOf = (slug: string) => `zh/activities/${slug}/index.md`;
const eventIdOf = (slug: string) => `zh/${slug}`;

/** A generated page; `rev` changes its title and one talk title, ASCII only. */
export function churnPage(slug: string, rev: number): string {
  const n = Number(/\d+$/.exec(slug)?.[0] ?? 0);
  return meetupPage({
    title: `${CHURN_WORD} ${slug} rev ${rev}`,
    day: `2021-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
    tags: ['SOFAMeetup', CHURN_TAG],
    talks: [
      { title: `Registry notes ${slug} rev ${rev}`, speaker: '张三（花名三石）' },
      { title: `Gateway practice ${slug}`, speaker: n % 2 ? '李四' : '王五' },
    ],
  });
}

export const churnTitle = (slug: string, rev: number) => `${CHURN_WORD} ${slug} rev ${rev}`;

/** Writes the starting pages (`load-meetup-0` …) into `dir`; returns their slugs. */
export async function writeChurnPages(dir: string, count: number): Promise<string[]> {
  const slugs = Array.from({ length: count }, (_, i) => `load-meetup-${i}`);
  for (const slug of slugs) await writePage(dir, slug, churnPage(slug, 0));
  return slugs;
}

export interface ChurnResult {
  readonly edits: number;
  readonly adds: number;
  /** Each break is followed by its repair. */
  readonly breaks: number;
  readonly deletes: number;
  /** slug → title of every generated page on disk at the end (all of them valid). */
  readonly onDisk: ReadonlyMap<string, string>;
}

export interface ChurnOptions {
  /** Slugs of the pages already written; `focus` among them is edited and broken most. */
  readonly slugs: readonly string[];
  readonly focus: string;
  /** How long each version is left alone before the next change, so requests meet it. */
  readonly holdMs: number;
}

/**
 * Edits, adds, breaks (invalid front matter), repairs and deletes pages until stopped. Each step
 * waits until the store serves it, so every kind of version really is served for a while, and a
 * change the watcher never picks up fails the run instead of passing unnoticed.
 */
export function startChurn(dir: string, store: ContentStore, options: ChurnOptions): { rounds(): number; stop(): Promise<ChurnResult> } {
  const onDisk = new Map(options.slugs.map((slug) => [slug, churnTitle(slug, 0)]));
  const counts = { edits: 0, adds: 0, breaks: 0, deletes: 0 };
  const extras: string[] = [];
  let stopped = false;
  let rev = 0;
  /** Rounds done in full: an edit, an add, a break and its repair, and (from the third) a delete. */
  let rounds = 0;

  const write = async (slug: string) => {
    rev++;
    await writePage(dir, slug, churnPage(slug, rev));
    onDisk.set(slug, churnTitle(slug, rev));
    const title = churnTitle(slug, rev);
    await until(store, (g) => g.events.get(eventIdOf(slug))?.title === title && !hasStale(g, slug), `${slug} titled "${title}"`);
  };

  const steps: ((round: number) => Promise<void>)[] = [
    async (round) => {
      await write(round % 2 === 0 ? options.focus : (options.slugs[round % options.slugs.length] ?? options.focus));
      counts.edits++;
    },
    async (round) => {
      const slug = `load-extra-${round}`;
      extras.push(slug);
      await write(slug);
      counts.adds++;
    },
    async (round) => {
      const slug = round % 3 === 0 ? options.focus : (options.slugs[(round + 1) % options.slugs.length] ?? options.focus);
      await writeFile(join(dir, pathOf(slug)), brokenPage);
      const lastGood = onDisk.get(slug);
      await until(store, (g) => hasStale(g, slug) && g.events.get(eventIdOf(slug))?.title === lastGood, `${slug} served as before breaking, marked stale`);
      await hold(options.holdMs);
      await write(slug);
      counts.breaks++;
    },
    async () => {
      if (extras.length < 3) return;
      const slug = extras.shift() ?? '';
      await rm(join(dir, 'zh/activities', slug), { recursive: true, force: true });
      onDisk.delete(slug);
      await until(store, (g) => !g.events.has(eventIdOf(slug)), `${slug} gone after deleting`);
      counts.deletes++;
    },
  ];

  const running = (async () => {
    for (let round = 0; !stopped; round++) {
      for (const step of steps) {
        if (stopped) break;
        await step(round);
        await hold(options.holdMs);
      }
      if (!stopped) rounds = round + 1;
    }
  })();
  // Reported by stop(); until then, not an unhandled rejection.
  running.catch(() => undefined);

  return {
    rounds: () => rounds,
    async stop() {
      stopped = true;
      await running;
      return { ...counts, onDisk };
    },
  };
}

async function writePage(dir: string, slug: string, text: string): Promise<void> {
  await mkdir(join(dir, 'zh/activities', slug), { recursive: true });
  await writeFile(join(dir, pathOf(slug)), text);
}

const hasStale = (g: Graph, slug: string) => g.diagnostics.some((d) => d.code === 'STALE_PAGE' && d.path === pathOf(slug));

const hold = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for the store to serve `what`. A hang detector only: a reload shows in well under a
 * second even on a busy machine; 60 s leaves room for one many times slower than that.
 */
async function until(store: ContentStore, check: (graph: Graph) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check(store.current())) {
    if (Date.now() > deadline) throw new Error(`the store never served ${what}`);
    await hold(10);
  }
}
