/**
 * Per-page cost of a cold start, in process and on one thread: `npx tsx bench/extract-pages.ts
 * [pages] [repo…]` generates `pages` pages (default 2,000) in the seed's layout, reads their text
 * once, then times `readPage` (front matter, markdown parse, extraction) over all of them after a
 * warm-up round, and the three steps alone. With several repos (worktrees of other commits) they
 * are run in alternation, ROUNDS (3) times each, so their ratio holds on a busy machine; each
 * repo's figures are its best round. Each figure is the process's CPU time (user + system, which
 * other processes on a shared machine disturb less than wall time), with wall time for
 * readPage. Timings are printed, never asserted.
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
const pages = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
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
  if (!process.env.BENCH_DIR) await generateContent(dir, pages);
  const files = (await discoverPages(dir)).filter((f) => !f.isSection);
  const texts = await Promise.all(files.map((f) => readFile(f.absolutePath, 'utf8')));
  const codes = await Promise.all(repos.map((repo, n) => codeOf(repo, n)));
  const best = new Map<string, { readPage: number; front: number; parse: number; extract: number }>();

  let wall = 0;
  /** CPU milliseconds `fn` took; its wall milliseconds in `wall`. */
  const time = (fn: () => void): number => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const { user, system } = process.cpuUsage(cpu);
    wall = performance.now() - start;
    return (user + system) / 1000;
  };
  const bestWall = new Map<string, number>();
  for (const code of codes) files.forEach((f, i) => code.readPage(f, texts[i]!)); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const code of codes) {
      const readPage = time(() => files.forEach((f, i) => code.readPage(f, texts[i]!)));
      bestWall.set(code.repo, Math.min(wall, bestWall.get(code.repo) ?? Infinity));
      const front = time(() => texts.forEach((t) => code.splitFrontMatter(t)));
      const parsed = files.map((f, i) => code.parsePage(f, texts[i]!).page!);
      const parse = time(() => files.forEach((f, i) => code.parsePage(f, texts[i]!)));
      const extract = time(() => parsed.forEach((p) => code.extractPage(p)));
      const was = best.get(code.repo);
      best.set(code.repo, {
        readPage: Math.min(readPage, was?.readPage ?? Infinity),
        front: Math.min(front, was?.front ?? Infinity),
        parse: Math.min(parse, was?.parse ?? Infinity),
        extract: Math.min(extract, was?.extract ?? Infinity),
      });
      console.log(`round ${round + 1} ${code.repo}: readPage ${rate((files.length * 1000) / readPage)} pages/s of CPU, ${rate((files.length * 1000) / wall)} pages/s of wall time`);
    }
  }
  const perPage = (ms: number) => `${((ms * 1000) / files.length).toFixed(0)} µs`;
  console.log(`\n${files.length} pages, best of ${rounds} rounds, one thread, CPU time:`);
  for (const [repo, b] of best) {
    console.log(
      `${repo}: readPage ${rate((files.length * 1000) / b.readPage)} pages/s (${perPage(b.readPage)} a page; wall ${perPage(bestWall.get(repo)!)}): ` +
        `front matter ${perPage(b.front)}, parse incl. front matter ${perPage(b.parse)}, extraction ${perPage(b.extract)}`,
    );
  }
  if (best.size > 1) {
    const [first, ...rest] = [...best.values()];
    const firstWall = bestWall.get(repos[0]!)!;
    for (const [i, b] of rest.entries()) {
      console.log(`${repos[i + 1]} × ${repos[0]}, readPage pages/s: ×${(first!.readPage / b.readPage).toFixed(2)} by CPU, ×${(firstWall / bestWall.get(repos[i + 1]!)!).toFixed(2)} by wall time`);
    }
  }
} finally {
  if (!process.env.BENCH_DIR) await rm(dir, { recursive: true, force: true });
}
