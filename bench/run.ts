/**
 * `npm run bench`: start-up, live reload and HTTP throughput of the service on generated content.
 * Prints one markdown report to stdout and writes it to bench/results.md; progress goes to stderr.
 *
 * Environment: BENCH_DURATION (seconds per autocannon run, default 3), BENCH_SIZES (page counts,
 * default 100,1000,10000), BENCH_KEEP=1 keeps the generated folders under os.tmpdir(),
 * BENCH_SERVICE_ROOT runs another checkout's service (e.g. to compare with an older commit).
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateContent } from './generate.js';
import { megabytes, ms, rate, ratio, table } from './format.js';
import { runLoad, startBaseline, warmUp, type LoadResult } from './http.js';
import {
  keepAliveAgent,
  peakRss,
  postGraphQL,
  queryData,
  sleep,
  startService,
  stopService,
  UnsupportedFlagError,
  type RawResponse,
  type Service,
  type ServiceOptions,
} from './service.js';

const DURATION = positiveNumber('BENCH_DURATION', 3);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => positiveInteger('BENCH_SIZES', s.trim()));
const CONNECTIONS = [2, 10] as const;
/** Above this start-up time the HTTP runs use the 1,000-page folder instead of 10,000. */
const HTTP_START_LIMIT_MS = 60_000;
const RELOADS = 5;
/** The reload test edits this page; the HTTP event-page query reads the same one. */
const RELOAD_SLUG = 'meetup-7';

/** The queries of the HTTP runs, sent as `{ query, variables }`. */
const QUERIES: readonly { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'event-page',
    query:
      'query Event($slug: String!, $language: String) { event(slug: $slug, language: $language) { title date startsAt venue ' +
      'talks { title speakers { name aliases affiliation } resources { kind url } projects { slug } } } }',
    variables: { slug: RELOAD_SLUG, language: 'zh' },
  },
  {
    name: 'aggregate',
    query: '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }',
  },
  {
    name: 'search-zh',
    query: 'query Search($q: String!) { search(query: $q, first: 10) { edges { node { score snippet } } } }',
    variables: { q: '注册中心' },
  },
  {
    name: 'search-en',
    query: 'query Search($q: String!) { search(query: $q, first: 10) { edges { node { score snippet } } } }',
    variables: { q: 'Service Mesh' },
  },
];

interface StartRow {
  readonly pages: number;
  readonly mode: 'cold' | 'cached';
  readonly readyMs: number;
  readonly rss: number | null;
  /** The service's own load time, from its log line. */
  readonly loadMs: number | null;
}

interface HttpRow {
  readonly query: string;
  readonly connections: number;
  readonly mode: 'on' | 'off' | 'baseline';
  readonly result: LoadResult;
  /** Whether one answer, fetched before the runs, had exactly the captured bytes. */
  readonly sameBody: boolean;
  /** How long that answer took: the first request of its kind to a fresh server. */
  readonly firstMs: number;
  /** That answer. */
  readonly response: RawResponse;
}

/** Logs progress to stderr so stdout carries only the report. */
function progress(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
}

const benchStarted = performance.now();

/** Reads a positive number from the environment, or the default. */
function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

/** Parses one page count of BENCH_SIZES. */
function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must list positive integers, got "${text}"`);
  return value;
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The benchmark run: owns the temp folder, the generated content and the notes for the report. */
class Bench {
  private readonly folders = new Map<number, Promise<string>>();
  readonly notes: string[] = [];
  /** False once the service rejected `--parse-cache`: then every start is cold. */
  parseCache = true;

  constructor(readonly workDir: string) {}

  /** The generated folder of `pages` pages; generated once per run and then reused. */
  content(pages: number): Promise<string> {
    let folder = this.folders.get(pages);
    if (!folder) {
      const dir = join(this.workDir, `content-${pages}`);
      folder = (async () => {
        const started = performance.now();
        await generateContent(dir, pages);
        progress(`generated ${pages} pages in ${ms(performance.now() - started)} ms`);
        return dir;
      })();
      this.folders.set(pages, folder);
    }
    return folder;
  }

  /** The parse-cache directory of one folder size: empty before its cold start, reused after. */
  parseCacheDir(pages: number): string {
    return join(this.workDir, `parse-cache-${pages}`);
  }

  /**
   * Starts the service; when it turns out not to know `--parse-cache`, notes that once and
   * starts it again without the flag (so every later start is cold).
   */
  async start(options: ServiceOptions): Promise<Service> {
    try {
      return await startService({ ...options, parseCacheDir: this.parseCache ? options.parseCacheDir : null });
    } catch (error) {
      if (!(error instanceof UnsupportedFlagError)) throw error;
      this.parseCache = false;
      this.notes.push('The service does not accept `--parse-cache` yet: only cold starts are measured, and every start below is cold.');
      progress('--parse-cache not accepted: measuring cold starts only');
      return startService({ ...options, parseCacheDir: null });
    }
  }
}

/** Starts and stops the service once, measuring time to first answer and peak RSS. */
async function measureStart(bench: Bench, pages: number, mode: 'cold' | 'cached'): Promise<StartRow> {
  const contentDir = await bench.content(pages);
  const service = await bench.start({ contentDir, parseCacheDir: bench.parseCacheDir(pages), watch: false, responseCache: true });
  // Read the high-water mark right before stopping: nothing after start-up should raise it.
  const rss = await peakRss(service.pid);
  await stopService(service.child);
  const loaded = service.loaded;
  if (loaded && loaded.events !== pages) bench.notes.push(`Start-up ${pages} ${mode}: the service loaded ${loaded.events} of ${pages} pages.`);
  if (mode === 'cached' && loaded && loaded.fromParseCache !== pages) {
    bench.notes.push(`Start-up ${pages} cached: only ${loaded.fromParseCache} of ${pages} pages came from the parse cache.`);
  }
  progress(`start ${pages} ${mode}: ready in ${ms(service.readyMs)} ms, peak RSS ${megabytes(rss)} MB`);
  return { pages, mode, readyMs: service.readyMs, rss, loadMs: loaded?.ms ?? null };
}

/** Section 1: cold then cached start for each size. */
async function startUp(bench: Bench): Promise<StartRow[]> {
  const rows: StartRow[] = [];
  for (const pages of SIZES) {
    // An empty cache directory makes the first start cold even if an earlier run left files.
    await rm(bench.parseCacheDir(pages), { recursive: true, force: true });
    await mkdir(bench.parseCacheDir(pages), { recursive: true });
    rows.push(await measureStart(bench, pages, 'cold'));
    if (bench.parseCache) rows.push(await measureStart(bench, pages, 'cached'));
  }
  return rows;
}

/** The title of the reload page as the service serves it. */
async function servedTitle(url: string): Promise<string | null> {
  const data = (await queryData(url, `{ event(slug: "${RELOAD_SLUG}", language: "zh") { title } }`, keepAliveAgent)) as {
    event: { title: string } | null;
  };
  return data.event?.title ?? null;
}

/** Polls every 5 ms until `accept(title)`; returns when it did, or throws after `timeoutMs`. */
async function waitForTitle(url: string, accept: (title: string | null) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!accept(await servedTitle(url))) {
    if (performance.now() > deadline) throw new Error(`the edit to ${RELOAD_SLUG} was not served within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Section 2: edits one page's title 5 times on a watching service; ms until each edit is served. */
async function reload(service: Service, contentDir: string): Promise<number[]> {
  const file = join(contentDir, 'zh', 'activities', RELOAD_SLUG, 'index.md');
  const original = await readFile(file, 'utf8');
  const times: number[] = [];
  try {
    const before = await servedTitle(service.url);
    for (let i = 1; i <= RELOADS; i++) {
      const marker = `[reload ${i}]`;
      const edited = original.replace(/^title: "(.*)"$/m, (_line, title: string) => `title: "${title} ${marker}"`);
      if (edited === original) throw new Error(`no title line in ${file}`);
      const started = performance.now();
      await writeFile(file, edited);
      await waitForTitle(service.url, (title) => title?.includes(marker) ?? false);
      times.push(performance.now() - started);
      progress(`reload ${i}: ${ms(times[times.length - 1] ?? NaN)} ms`);
      // Let the watcher settle so the next edit is a separate change, not part of this one.
      await sleep(100);
    }
    // Put the page back and wait until it is served: the folder stays as generated.
    await writeFile(file, original);
    await waitForTitle(service.url, (title) => title === before);
  } finally {
    await writeFile(file, original);
  }
  return times;
}

/** The request body of a query, as autocannon sends it. */
function requestBody(q: (typeof QUERIES)[number]): string {
  return JSON.stringify({ query: q.query, variables: q.variables ?? {} });
}

/** Throws unless `answer` is a 200 with data for every root field and no errors. */
function checkAnswer(name: string, answer: RawResponse): void {
  const json = JSON.parse(answer.body.toString('utf8')) as { errors?: unknown[]; data?: Record<string, unknown> | null };
  if (answer.status !== 200 || json.errors || !json.data || Object.values(json.data).includes(null)) {
    throw new Error(`${name}: unexpected answer ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
  }
}

/**
 * Loads every query at each connection count against one target. First it asks each query once:
 * that answer is timed (a fresh service may build an index lazily), and compared byte for byte
 * with `expected` so every target serves the same bytes; with `expected` null it becomes the
 * captured answer itself.
 */
async function loadAll(mode: HttpRow['mode'], urlOf: (name: string) => string, expected: ReadonlyMap<string, RawResponse> | null): Promise<HttpRow[]> {
  const rows: HttpRow[] = [];
  for (const q of QUERIES) {
    const url = urlOf(q.name);
    const body = requestBody(q);
    const started = performance.now();
    // Minutes, not autocannon's 10 s: a lazily built search index can take that long.
    const response = await postGraphQL(url, body, undefined, 180_000);
    const firstMs = performance.now() - started;
    checkAnswer(q.name, response);
    const sameBody = expected === null || expected.get(q.name)?.body.equals(response.body) === true;
    progress(`http ${q.name} ${mode}: first answer ${ms(firstMs)} ms, ${response.body.length} bytes`);
    await warmUp(url, body);
    for (const connections of CONNECTIONS) {
      const result = await runLoad({ url, body, connections, durationSeconds: DURATION });
      progress(`http ${q.name} c=${connections} ${mode}: ${rate(result.requestsPerSecond)} req/s, p99 ${ms(result.p99)} ms`);
      rows.push({ query: q.name, connections, mode, result, sameBody, firstMs, response });
    }
  }
  return rows;
}

/** Runs `test` on a freshly started service, then stops it (also when the test fails). */
async function withService<T>(bench: Bench, options: ServiceOptions, label: string, test: (service: Service) => Promise<T>): Promise<{ value: T; readyMs: number }> {
  const service = await bench.start(options);
  progress(`${label}: answering in ${ms(service.readyMs)} ms`);
  // Load is measured on a warm service: the search index is built in slices after the content
  // loads (seconds at 10,000 pages), and until /readyz says ready every answer shares the loop.
  const warming = performance.now();
  await waitReady(service.url);
  progress(`${label}: ready (search index built) ${ms(performance.now() - warming)} ms later`);
  try {
    return { value: await test(service), readyMs: service.readyMs };
  } finally {
    await stopService(service.child);
  }
}

/** Polls `/readyz` until it answers 200. */
async function waitReady(graphqlUrl: string): Promise<void> {
  const readyz = graphqlUrl.replace(/\/graphql$/, '/readyz');
  const deadline = performance.now() + 600_000;
  while (performance.now() < deadline) {
    const status = await fetch(readyz).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(50);
  }
  throw new Error(`${readyz} did not say ready within 10 minutes`);
}

/** The response to replay and compare against: the cache-on service's first answer to each query. */
function captured(rows: readonly HttpRow[]): Map<string, RawResponse> {
  return new Map(rows.filter((row) => row.mode === 'on').map((row) => [row.query, row.response]));
}

/**
 * Section 3: each query against the service with the response cache on, then off, then against
 * the baseline replaying the exact same response bytes. One server process at a time, so no idle
 * process holds memory or the two compete for the 2 cores.
 */
async function http(bench: Bench, pages: number): Promise<{ rows: HttpRow[]; readyMs: { on: number; off: number } }> {
  const contentDir = await bench.content(pages);
  const parseCacheDir = bench.parseCacheDir(pages);
  const rows: HttpRow[] = [];
  const on = await withService(bench, { contentDir, parseCacheDir, watch: false, responseCache: true }, 'http, cache on', (service) =>
    loadAll('on', () => service.url, null),
  );
  rows.push(...on.value);
  const off = await withService(bench, { contentDir, parseCacheDir, watch: false, responseCache: false }, 'http, cache off', (service) =>
    loadAll('off', () => service.url, captured(rows)),
  );
  rows.push(...off.value);
  const baseline = await startBaseline(captured(rows));
  try {
    rows.push(...(await loadAll('baseline', (name) => baseline.url(name), captured(rows))));
  } finally {
    await baseline.close();
  }
  return { rows, readyMs: { on: on.readyMs, off: off.readyMs } };
}

/** What sections 2 and 3 measured. */
interface Served {
  readonly reloadPages: number;
  readonly reloadTimes: number[];
  readonly httpPages: number;
  /** Start-up of the services of sections 2 and 3, for context. */
  readonly readyMs: { readonly reload: number; readonly on: number; readonly off: number };
  readonly httpRows: HttpRow[];
}

/** Sections 2 and 3, each on its own service started with the warm parse cache. */
async function served(bench: Bench, reloadPages: number, httpPages: number): Promise<Served> {
  const reloadDir = await bench.content(reloadPages);
  const reloads = await withService(
    bench,
    { contentDir: reloadDir, parseCacheDir: bench.parseCacheDir(reloadPages), watch: true, responseCache: true },
    `reload ${reloadPages}, watching`,
    (service) => reload(service, reloadDir),
  );
  const { rows, readyMs } = await http(bench, httpPages);
  return { reloadPages, reloadTimes: reloads.value, httpPages, readyMs: { reload: reloads.readyMs, ...readyMs }, httpRows: rows };
}

/** Which folder the HTTP runs use: the largest, unless its start-up took over a minute. */
function httpSize(bench: Bench, starts: readonly StartRow[]): number {
  const largest = Math.max(...SIZES);
  const mode = bench.parseCache ? 'cached' : 'cold';
  const start = starts.find((row) => row.pages === largest && row.mode === mode);
  if (!start || start.readyMs <= HTTP_START_LIMIT_MS) return largest;
  const fallback = SIZES.includes(1000) && largest > 1000 ? 1000 : Math.min(...SIZES);
  bench.notes.push(
    `HTTP runs use the ${fallback.toLocaleString('en-US')}-page folder: a ${mode} start at ${largest.toLocaleString('en-US')} pages took ${ms(start.readyMs)} ms (over ${HTTP_START_LIMIT_MS / 1000} s).`,
  );
  return fallback;
}

/** Renders the whole report. */
function report(bench: Bench, started: Date, wallMs: number, starts: readonly StartRow[], serve: Served): string {
  const { reloadPages, reloadTimes, httpPages, httpRows, readyMs } = serve;
  const cpu = cpus();
  const baselineOf = (row: HttpRow) =>
    httpRows.find((b) => b.mode === 'baseline' && b.query === row.query && b.connections === row.connections)?.result.requestsPerSecond ?? NaN;
  const check = ({ result: r, sameBody }: HttpRow) => {
    const problems = [
      r.non2xx && `${r.non2xx} non-2xx`,
      r.errors && `${r.errors} errors`,
      r.timeouts && `${r.timeouts} timeouts`,
      r.sizeChanges && `${r.sizeChanges} sizes differ`,
      !sameBody && 'body differs',
    ].filter(Boolean);
    return problems.length ? `⚠ ${problems.join(', ')}` : 'ok';
  };
  const modeOrder = { on: 0, off: 1, baseline: 2 } as const;
  const sortedHttp = [...httpRows].sort(
    (a, b) =>
      QUERIES.findIndex((q) => q.name === a.query) - QUERIES.findIndex((q) => q.name === b.query) ||
      a.connections - b.connections ||
      modeOrder[a.mode] - modeOrder[b.mode],
  );
  const flagged = httpRows.filter((row) => check(row) !== 'ok').length;

  return `# Benchmark

- Date: ${started.toISOString()}
- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory; ${process.platform} ${process.arch}
- Node: ${process.version}
- N (pages): ${SIZES.map((n) => n.toLocaleString('en-US')).join(', ')}; reload at ${reloadPages.toLocaleString('en-US')}; HTTP at ${httpPages.toLocaleString('en-US')}
- Durations: ${DURATION} s per autocannon run (BENCH_DURATION), after a 0.5 s warm-up per query; whole benchmark ${(wallMs / 1000).toFixed(0)} s
- Parse cache: ${bench.parseCache ? '`--parse-cache <tmp dir>`; cold = empty directory, cached = second start with the same directory' : 'not supported by the service (cold starts only)'}
- Reload and HTTP services, one at a time${bench.parseCache ? ', warm parse cache' : ''}: ready in ${ms(readyMs.reload)} ms (watching), ${ms(readyMs.on)} ms (cache on), ${ms(readyMs.off)} ms (cache off)
${bench.notes.map((n) => `- Note: ${n}\n`).join('')}
## Start-up

Ready = spawn of what \`npm start\` runs (\`node dist/cli.js\`, built once before the runs) to the first answered \`{ __typename }\` (polled every 25 ms). Pages/s = N / ready. Peak RSS = \`VmHWM\` of the child. Load = the service's own "loaded … in X ms".

${table(
  ['N', 'mode', 'ready ms', 'pages/s', 'peak RSS MB', 'load ms'],
  starts.map((r) => [r.pages.toLocaleString('en-US'), r.mode, ms(r.readyMs), rate(r.pages / (r.readyMs / 1000)), megabytes(r.rss), r.loadMs === null ? '–' : ms(r.loadMs)]),
  new Set([0, 2, 3, 4, 5]),
)}

## Reload

${reloadPages.toLocaleString('en-US')} pages, watching on, response cache on. ${RELOADS} times: rewrite the title line of \`${RELOAD_SLUG}\`, then poll its title every 5 ms until the edit is served; time from the start of the write.

${table(['N', 'median ms', 'max ms', 'all ms'], [[reloadPages.toLocaleString('en-US'), ms(median(reloadTimes)), ms(Math.max(...reloadTimes)), reloadTimes.map(ms).join(', ')]], new Set([0, 1, 2]))}

## HTTP

${httpPages.toLocaleString('en-US')} pages, \`--no-watch\`. autocannon, POST \`application/json\`, ${DURATION} s per run. cache on/off = the service with / without its response cache; baseline = a bare \`node:http\` server (in a worker thread of the bench process) replaying the service's exact response bytes and content-type. × baseline = req/s ÷ baseline req/s for the same query and connections. Latency from every response's own timing. Check: non-2xx, errors and timeouts; responses whose size differs from the run's first; one answer per query and mode compared byte for byte with the captured one before the runs (${flagged ? `⚠ ${flagged} run(s) flagged` : 'all runs clean'}).

${table(
  ['query', 'conns', 'cache', 'req/s', 'p50 ms', 'p99 ms', '× baseline', 'check'],
  sortedHttp.map((row) => [
    row.query,
    String(row.connections),
    row.mode,
    rate(row.result.requestsPerSecond),
    ms(row.result.p50),
    ms(row.result.p99),
    row.mode === 'baseline' ? '' : ratio(row.result.requestsPerSecond / baselineOf(row)),
    check(row),
  ]),
  new Set([1, 3, 4, 5, 6]),
)}

Each query's response size, and its first answer from a freshly started service (ms): what a first visitor waits for, lazily built state (the search index) included. When a response is large, autocannon (one thread, decoding every chunk to a string) limits the baseline as much as the server does, so × baseline near or above 1 means "as fast as the load generator", not "faster than node:http".

${table(
  ['query', 'response KB', 'first answer, cache on', 'first answer, cache off'],
  QUERIES.map((q) => {
    const first = (mode: HttpRow['mode']) => httpRows.find((row) => row.query === q.name && row.mode === mode);
    const size = first('on')?.response.body.length;
    return [q.name, size === undefined ? '–' : (size / 1024).toFixed(size < 10_240 ? 1 : 0), ms(first('on')?.firstMs ?? NaN), ms(first('off')?.firstMs ?? NaN)];
  }),
  new Set([1, 2, 3]),
)}
`;
}

/** Runs every section, then prints and saves the report. */
async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const bench = new Bench(await mkdtemp(join(tmpdir(), 'meetup-bench-')));
  progress(`work folder ${bench.workDir}`);
  try {
    const starts = await startUp(bench);
    const serve = await served(bench, Math.max(...SIZES), httpSize(bench, starts));
    const text = report(bench, started, performance.now() - t0, starts, serve);
    await writeFile(fileURLToPath(new URL('./results.md', import.meta.url)), text);
    process.stdout.write(text);
  } finally {
    if (process.env.BENCH_KEEP === '1') progress(`kept ${bench.workDir}`);
    else await rm(bench.workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
