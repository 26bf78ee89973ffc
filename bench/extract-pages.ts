/**
 * Per-page cost of a cold start, in process and on one thread: `npx tsx bench/extract-pages.ts
 * [pages] [repo…]` generates pages in the seed's layout, `pages` (default 1,000) for a warm-up
 * and as many fresh ones for each of ROUNDS (3) rounds, and times what `readPage` does to each
 * (parse with front matter, then extraction) and the front matter alone. With several repos
 * (worktrees of other commits) they take turns on the same pages in every round, so their ratio
 * holds on a busy machine; each repo's figures are its best round. Figures are the process's CPU
 * time (user + system, which other processes on a shared machine disturb less than wall time),
 * and wall time for the whole. `BENCH_DIR=folder` reads a folder instead, split into ROUNDS + 1
 * slices. Timings are printed, never asserted.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateContent } from './generate.js';
import { discoverPages } from '../src/content/discover.js';
import { rate } from './format.js';

const args = process.argv.slice(2);
const pages = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const repos = args.filter((a) => !/^\d+$/.test(a)).map((r) => resolve(r));
if (repos.length === 0) repos.push(resolve('.'));
const rounds = Number(process.env.ROUNDS ?? 3);

type ReadPage = typeof import('../src/store/load-page.js').readPage;
type ParsePage = typeof import('../src/content/parse-page.js').parsePage;
type SplitFrontMatter = typeof import('../src/content/front-matter.js').splitFrontMatter;
type ExtractPage = typeof import('../src/extract/extract-page.js').extractPage;
interface Code {
  readonly repo: string;
  readonly readPage: ReadPage;
  readonly parsePage: ParsePage;
  readonly splitFrontMatter: SplitFrontMatter;
  readonly extractPage: ExtractPage;
}

/**
 * A repo's code bundled by esbuild as `npm run build` does (tsx would add a `__name` call to
 * every function it creates, a cost the service does not have). The bundle is written under this
 * checkout's node_modules, so its dependencies are this checkout's.
 */
async function codeOf(repo: string, n: number): Promise<Code> {
  const outfile = resolve(`node_modules/.cache/bench-extract/${n}.mjs`);
  await build({
    stdin: {
      contents: ['store/load-page', 'content/parse-page', 'content/front-matter', 'extract/extract-page'].map((m) => `export * from ${JSON.stringify(join(repo, 'src', `${m}.ts`))};`).join('\n'),
      resolveDir: repo,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const code = (await import(pathToFileURL(outfile).href)) as Omit<Code, 'repo'>;
  return { repo, readPage: code.readPage, parsePage: code.parsePage, splitFrontMatter: code.splitFrontMatter, extractPage: code.extractPage };
}

const dir = process.env.BENCH_DIR ?? (await mkdtemp(join(tmpdir(), 'bench-extract-')));
try {
  if (!process.env.BENCH_DIR) await generateContent(dir, pages * (rounds + 1));
  const all = (await discoverPages(dir)).filter((f) => !f.isSection);
  const texts = await Promise.all(all.map((f) => readFile(f.absolutePath, 'utf8')));
  // A warm-up slice, then fresh pages for every round: a page read twice would find the
  // extraction's memos full of its own lines, which a cold start never does.
  const size = Math.floor(all.length / (rounds + 1));
  const slices = Array.from({ length: rounds + 1 }, (_, r) => all.slice(r * size, (r + 1) * size).map((file, i) => ({ file, text: texts[r * size + i]! })));
  const codes = await Promise.all(repos.map((repo, n) => codeOf(repo, n)));
  type Figures = { readPage: number; readPageWall: number; front: number; parse: number; extract: number };
  const best = new Map<string, Figures>();

  /** CPU and wall milliseconds `fn` took. */
  const time = (fn: () => void): { cpu: number; wall: number } => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const { user, system } = process.cpuUsage(cpu);
    return { cpu: (user + system) / 1000, wall: performance.now() - start };
  };
  for (const code of codes) for (const { file, text } of slices[0]!) code.readPage(file, text);
  for (let round = 1; round <= rounds; round++) {
    const slice = slices[round]!;
    for (const code of codes) {
      const front = time(() => slice.forEach(({ text }) => code.splitFrontMatter(text)));
      let parsed: ReturnType<ParsePage>['page'][] = [];
      const parse = time(() => (parsed = slice.map(({ file, text }) => code.parsePage(file, text).page)));
      const extract = time(() => parsed.forEach((page) => page && code.extractPage(page)));
      const figures = { readPage: parse.cpu + extract.cpu, readPageWall: parse.wall + extract.wall, front: front.cpu, parse: parse.cpu, extract: extract.cpu };
      const was = best.get(code.repo);
      best.set(code.repo, was ? (Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.min(v, was[k as keyof Figures])])) as Figures) : figures);
      console.log(`round ${round} ${code.repo}: ${rate((size * 1000) / figures.readPage)} pages/s of CPU, ${rate((size * 1000) / figures.readPageWall)} pages/s of wall time`);
    }
  }
  const perPage = (ms: number) => `${((ms * 1000) / size).toFixed(0)} µs`;
  console.log(`\n${size} fresh pages a round, best of ${rounds} rounds, one thread, CPU time:`);
  for (const [repo, b] of best) {
    console.log(
      `${repo}: readPage ${rate((size * 1000) / b.readPage)} pages/s (${perPage(b.readPage)} a page; wall ${perPage(b.readPageWall)}): ` +
        `parse incl. front matter ${perPage(b.parse)} (front matter alone ${perPage(b.front)}), extraction ${perPage(b.extract)}`,
    );
  }
  const [first, ...rest] = [...best.values()];
  rest.forEach((b, i) => {
    console.log(`${repos[i + 1]} × ${repos[0]}, pages/s: ×${(first!.readPage / b.readPage).toFixed(2)} by CPU (${(first!.readPageWall / b.readPageWall).toFixed(2)} by wall time)`);
  });
} finally {
  if (!process.env.BENCH_DIR) await rm(dir, { recursive: true, force: true });
}
