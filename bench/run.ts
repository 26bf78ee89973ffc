/**
 * `npm run bench`: start-up, live reload and HTTP throughput of the service on generated content,
 * next to a peer (the same schema on Mercurius with graphql-jit) and a bare node:http server,
 * with the targets of issue 13 evaluated at the top. Prints one markdown report to stdout and
 * writes it to bench/results.md; progress goes to stderr.
 *
 * Environment (README, "Performance"): BENCH_DURATION (seconds per autocannon run, default 3),
 * BENCH_SIZES (page counts, default 100,1000,10000), BENCH_HTTP_SIZES (sizes with HTTP runs,
 * default every size), BENCH_CONNECTIONS (connection counts at the largest HTTP size, default
 * 2,10), BENCH_SMALL_CONNECTIONS (at the smaller sizes, default 10), BENCH_KEEP=1 keeps the
 * generated folders under os.tmpdir(), BENCH_SERVICE_ROOT runs another checkout's service (e.g.
 * to compare with an older commit; the peer stays this checkout's).
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { generateContent } from './generate.js';
import { megabytes, ms, rate, ratio, table } from './format.js';
import { runLoad, startBaseline, warmUp, type LoadResult } from './http.js';
import { startPeer } from './peer.js';
import {
  keepAliveAgent,
  peakRss,
  postGraphQL,
  queryData,
  sleep,
  startService,
  stopService,
  UnsupportedFlagError,
  waitReady,
  type RawResponse,
  type Service,
  type ServiceOptions,
} from './service.js';
import { evaluateTargets, verdict, type Server } from './targets.js';

const DURATION = positiveNumber('BENCH_DURATION', 3);
const SIZES = integers('BENCH_SIZES', '100,1000,10000');
const HTTP_SIZES = process.env.BENCH_HTTP_SIZES ? integers('BENCH_HTTP_SIZES', '') : SIZES;
/** At the largest size, where the targets are read: latency at 2, throughput under load at 10. */
const CONNECTIONS = integers('BENCH_CONNECTIONS', '2,10');
/** At smaller sizes the runs show how the ratios move with the folder: one count is enough. */
const SMALL_CONNECTIONS = integers('BENCH_SMALL_CONNECTIONS', '10');
/** A size whose start-up took longer than this gets no HTTP runs (see `httpSizes`). */
const HTTP_START_LIMIT_MS = 60_000;
const RELOADS = 5;
/** The reload test edits this page; the HTTP event-page query reads the same one. */
const RELOAD_SLUG = 'meetup-7';

const SEARCH = 'query Search($q: String!) { search(query: $q, first: 10) { edges { node { score snippet } } } }';

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
  { name: 'search-zh', query: SEARCH, variables: { q: '注册中心' } },
  // Two characters: the shortest Chinese word, where matching leans most on the n-gram tokens.
  { name: 'search-zh-2', query: SEARCH, variables: { q: '网关' } },
  { name: 'search-en', query: SEARCH, variables: { q: 'Service Mesh' } },
];
const SEARCHES = QUERIES.filter((q) => q.query === SEARCH).map((q) => q.name);
/**
 * The order of each server's first answers: searches first, so the very first request after
 * /readyz is a search (the "first search" target); every query is also the first of its
 * document there, executed by graphql-js (graphql-jit compiles it right after, src/server/use-jit.ts).
 */
const FIRST_ORDER = [...QUERIES].sort((a, b) => Number(b.query === SEARCH) - Number(a.query === SEARCH));

const SERVER_NAMES: Record<Server, string> = { on: 'ours, cached', off: 'ours, uncached', mercurius: 'Mercurius+jit', baseline: 'bare' };
const SERVER_ORDER: Record<Server, number> = { on: 0, off: 1, mercurius: 2, baseline: 3 };

interface StartRow {
  readonly pages: number;
  readonly mode: 'cold' | 'cached';
  /** Spawn to the first answered `{ __typename }`. */
  readonly answersMs: number;
  /** Spawn to /readyz 200: content loaded and search index built. */
  readonly readyMs: number;
  /** Peak RSS of the child, read once it was ready (the search index included). */
  readonly rss: number | null;
  /** The service's own load time, from its log line. */
  readonly loadMs: number | null;
}

interface HttpRow {
  readonly pages: number;
  readonly query: string;
  readonly connections: number;
  readonly server: Server;
  readonly result: LoadResult;
  /**
   * Whether one answer, fetched before the runs, was the expected one: the same bytes for our
   * service and the replay, the same parsed `data` for the peer.
   */
  readonly same: boolean;
  /** How long that answer took: the first request of its kind to a freshly ready server. */
  readonly firstMs: number;
  /** That answer. */
  readonly response: RawResponse;
}

/** One server of the HTTP runs, for context: start-up and memory. */
interface ServerRow {
  readonly pages: number;
  readonly server: Server;
  readonly answersMs: number;
  readonly readyMs: number;
  /** Peak RSS after its runs. */
  readonly rss: number | null;
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

/** A comma-separated list of positive integers from the environment, or the default, ascending. */
function integers(name: string, fallback: string): number[] {
  const text = process.env[name] || fallback;
  const values = text.split(',').map((s) => {
    const value = Number(s.trim());
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must list positive integers, got "${text}"`);
    return value;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const pagesText = (n: number) => n.toLocaleString('en-US');

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

/** Starts the service, waits until /readyz says ready, reads its peak RSS and stops it. */
async function measureStart(bench: Bench, pages: number, mode: 'cold' | 'cached'): Promise<StartRow> {
  const contentDir = await bench.content(pages);
  const service = await bench.start({ contentDir, parseCacheDir: bench.parseCacheDir(pages), watch: false, responseCache: true });
  let readyMs: number;
  let rss: number | null;
  try {
    await waitReady(service.url);
    readyMs = performance.now() - service.spawnedAt;
    // Read the high-water mark once ready: it covers the load and the search index.
    rss = await peakRss(service.pid);
  } finally {
    await stopService(service.child);
  }
  const loaded = service.loaded;
  if (loaded && loaded.events !== pages) bench.notes.push(`Start-up ${pages} ${mode}: the service loaded ${loaded.events} of ${pages} pages.`);
  if (mode === 'cached' && loaded && loaded.fromParseCache !== pages) {
    bench.notes.push(`Start-up ${pages} cached: only ${loaded.fromParseCache} of ${pages} pages came from the parse cache.`);
  }
  progress(`start ${pages} ${mode}: answering in ${ms(service.readyMs)} ms, ready in ${ms(readyMs)} ms, peak RSS ${megabytes(rss)} MB`);
  return { pages, mode, answersMs: service.readyMs, readyMs, rss, loadMs: loaded?.ms ?? null };
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

/** The parsed JSON of an answer. */
function parsed(answer: RawResponse): { errors?: unknown[]; data?: Record<string, unknown> | null } {
  return JSON.parse(answer.body.toString('utf8')) as { errors?: unknown[]; data?: Record<string, unknown> | null };
}

/** Throws unless `answer` is a 200 with data for every root field and no errors. */
function checkAnswer(name: string, server: Server, answer: RawResponse): void {
  const json = parsed(answer);
  if (answer.status !== 200 || json.errors || !json.data || Object.values(json.data).includes(null)) {
    throw new Error(`${name} (${SERVER_NAMES[server]}): unexpected answer ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
  }
}

/** Whether `answer` is the expected one: the same bytes, or for the peer the same `data`. */
function sameAnswer(server: Server, expected: RawResponse | undefined, answer: RawResponse): boolean {
  if (!expected) return false;
  // The peer's bytes differ (its own content-type, no Yoga): what must agree is the answer.
  if (server === 'mercurius') return isDeepStrictEqual(parsed(expected).data, parsed(answer).data);
  return expected.body.equals(answer.body);
}

/**
 * Loads every query at each connection count against one target. First it asks each query once
 * (searches first, see FIRST_ORDER): that answer is timed, and compared with `expected` so every
 * target serves the same answer; with `expected` null it becomes the captured answer itself.
 */
async function loadAll(
  pages: number,
  server: Server,
  urlOf: (name: string) => string,
  expected: ReadonlyMap<string, RawResponse> | null,
  connections: readonly number[],
): Promise<HttpRow[]> {
  const first = new Map<string, { response: RawResponse; firstMs: number; same: boolean }>();
  for (const q of FIRST_ORDER) {
    const started = performance.now();
    // Minutes, not autocannon's 10 s: a service from before the index was built at load builds it now.
    const response = await postGraphQL(urlOf(q.name), requestBody(q), undefined, 180_000);
    const firstMs = performance.now() - started;
    checkAnswer(q.name, server, response);
    const same = expected === null || sameAnswer(server, expected.get(q.name), response);
    if (!same) progress(`⚠ ${q.name} ${server}: the answer differs from the expected one`);
    first.set(q.name, { response, firstMs, same });
    progress(`http ${pages} ${q.name} ${server}: first answer ${ms(firstMs)} ms, ${response.body.length} bytes`);
  }
  const rows: HttpRow[] = [];
  for (const q of QUERIES) {
    const url = urlOf(q.name);
    const body = requestBody(q);
    const answer = first.get(q.name);
    if (!answer) throw new Error(`no first answer to ${q.name}`);
    await warmUp(url, body);
    for (const c of connections) {
      const result = await runLoad({ url, body, connections: c, durationSeconds: DURATION });
      progress(`http ${pages} ${q.name} c=${c} ${server}: ${rate(result.requestsPerSecond)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms`);
      rows.push({ pages, query: q.name, connections: c, server, result, ...answer });
    }
  }
  return rows;
}

/**
 * Runs `test` on a server once it is ready, then reads its peak RSS and stops it (also when the
 * test fails). Load is measured on a ready server: until /readyz says so, the service builds its
 * search index in slices that share the loop with every answer.
 */
async function withServer<T>(
  label: string,
  start: () => Promise<Service>,
  test: (service: Service) => Promise<T>,
): Promise<{ value: T; answersMs: number; readyMs: number; rss: number | null }> {
  const service = await start();
  try {
    progress(`${label}: answering in ${ms(service.readyMs)} ms`);
    await waitReady(service.url);
    const readyMs = performance.now() - service.spawnedAt;
    progress(`${label}: ready in ${ms(readyMs)} ms`);
    const value = await test(service);
    return { value, answersMs: service.readyMs, readyMs, rss: await peakRss(service.pid) };
  } finally {
    await stopService(service.child);
  }
}

/** Each query's first answer from one server's rows: what the next servers must match. */
function captured(rows: readonly HttpRow[], server: Server): Map<string, RawResponse> {
  return new Map(rows.filter((row) => row.server === server).map((row) => [row.query, row.response]));
}

/**
 * Section 3 at one size: each query against the service with the response cache on (at the
 * largest size only: a cached answer costs the same at any size), then off, then the Mercurius
 * peer, then the bare server replaying the service's exact bytes. One server process at a time,
 * so no idle process holds memory or competes for the cores.
 */
async function httpAt(bench: Bench, pages: number, largest: boolean): Promise<{ rows: HttpRow[]; servers: ServerRow[] }> {
  const contentDir = await bench.content(pages);
  const parseCacheDir = bench.parseCacheDir(pages);
  const connections = largest ? CONNECTIONS : SMALL_CONNECTIONS;
  const rows: HttpRow[] = [];
  const servers: ServerRow[] = [];
  const ours = async (server: 'on' | 'off', expected: ReadonlyMap<string, RawResponse> | null) => {
    const run = await withServer(
      `http ${pages}, ${SERVER_NAMES[server]}`,
      () => bench.start({ contentDir, parseCacheDir, watch: false, responseCache: server === 'on' }),
      (service) => loadAll(pages, server, () => service.url, expected, connections),
    );
    rows.push(...run.value);
    servers.push({ pages, server, answersMs: run.answersMs, readyMs: run.readyMs, rss: run.rss });
  };
  if (largest) await ours('on', null);
  await ours('off', largest ? captured(rows, 'on') : null);
  const expected = captured(rows, largest ? 'on' : 'off');
  try {
    const peer = await withServer(
      `http ${pages}, Mercurius+jit`,
      () => startPeer(contentDir),
      (service) => loadAll(pages, 'mercurius', () => service.url, expected, connections),
    );
    rows.push(...peer.value);
    servers.push({ pages, server: 'mercurius', answersMs: peer.answersMs, readyMs: peer.readyMs, rss: peer.rss });
  } catch (error) {
    // The peer is a yardstick: without it the report still has ours against bare.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    bench.notes.push(`${pagesText(pages)} pages: the Mercurius peer failed (${message}); its rows are missing.`);
    progress(`⚠ Mercurius peer at ${pages} pages failed: ${String(error)}`);
  }
  const baseline = await startBaseline(expected);
  try {
    rows.push(...(await loadAll(pages, 'baseline', (name) => baseline.url(name), expected, connections)));
  } finally {
    await baseline.close();
  }
  return { rows, servers };
}

/** What sections 2 and 3 measured. */
interface Served {
  readonly reloadPages: number;
  readonly reloadTimes: number[];
  readonly reloadReadyMs: number;
  readonly httpSizes: readonly number[];
  readonly httpRows: HttpRow[];
  readonly servers: ServerRow[];
}

/** Sections 2 and 3, each on its own service started with the warm parse cache. */
async function served(bench: Bench, reloadPages: number, httpSizes: readonly number[]): Promise<Served> {
  const reloadDir = await bench.content(reloadPages);
  const reloads = await withServer(
    `reload ${reloadPages}, watching`,
    () => bench.start({ contentDir: reloadDir, parseCacheDir: bench.parseCacheDir(reloadPages), watch: true, responseCache: true }),
    (service) => reload(service, reloadDir),
  );
  const httpRows: HttpRow[] = [];
  const servers: ServerRow[] = [];
  const largest = Math.max(...httpSizes);
  for (const pages of httpSizes) {
    const { rows, servers: started } = await httpAt(bench, pages, pages === largest);
    httpRows.push(...rows);
    servers.push(...started);
  }
  return { reloadPages, reloadTimes: reloads.value, reloadReadyMs: reloads.readyMs, httpSizes, httpRows, servers };
}

/** The sizes of the HTTP runs: BENCH_HTTP_SIZES, less those whose start-up took over a minute. */
function httpSizes(bench: Bench, starts: readonly StartRow[]): number[] {
  const mode = bench.parseCache ? 'cached' : 'cold';
  const sizes = HTTP_SIZES.filter((pages) => {
    const start = starts.find((row) => row.pages === pages && row.mode === mode);
    if (!start || start.readyMs <= HTTP_START_LIMIT_MS) return true;
    bench.notes.push(`No HTTP runs at ${pagesText(pages)} pages: a ${mode} start took ${ms(start.readyMs)} ms (over ${HTTP_START_LIMIT_MS / 1000} s).`);
    return false;
  });
  return sizes.length ? sizes : [Math.min(...HTTP_SIZES)];
}

/** Renders the whole report. */
function report(bench: Bench, started: Date, wallMs: number, starts: readonly StartRow[], serve: Served): string {
  const { reloadPages, reloadTimes, httpSizes: sizes, httpRows, servers } = serve;
  const largest = Math.max(...sizes);
  const cpu = cpus();
  const run = (pages: number, query: string, connections: number, server: Server) =>
    httpRows.find((r) => r.pages === pages && r.query === query && r.connections === connections && r.server === server);
  const rps = (row: HttpRow | undefined) => row?.result.requestsPerSecond ?? NaN;
  const problems = ({ result: r, same, server }: HttpRow) =>
    [
      r.non2xx && `${r.non2xx} non-2xx`,
      r.errors && `${r.errors} errors`,
      r.timeouts && `${r.timeouts} timeouts`,
      r.sizeChanges && `${r.sizeChanges} sizes differ`,
      !same && (server === 'mercurius' ? 'data differs' : 'body differs'),
    ].filter(Boolean);
  const check = (row: HttpRow) => {
    const found = problems(row);
    return found.length ? `⚠ ${found.join(', ')}` : 'ok';
  };
  const sortedHttp = [...httpRows].sort(
    (a, b) =>
      a.pages - b.pages ||
      QUERIES.findIndex((q) => q.name === a.query) - QUERIES.findIndex((q) => q.name === b.query) ||
      a.connections - b.connections ||
      SERVER_ORDER[a.server] - SERVER_ORDER[b.server],
  );
  const flagged = httpRows.filter((row) => problems(row).length > 0).length;
  const firstSearchRow = httpRows.find((r) => r.pages === largest && r.server === 'off' && r.query === FIRST_ORDER[0]?.name);
  const targets = evaluateTargets({
    pages: largest,
    http: httpRows.map((r) => ({
      pages: r.pages,
      query: r.query,
      connections: r.connections,
      server: r.server,
      requestsPerSecond: r.result.requestsPerSecond,
      p50: r.result.p50,
      p99: r.result.p99,
      clean: problems(r).length === 0,
    })),
    starts: starts.map((s) => ({ pages: s.pages, mode: s.mode, readyMs: s.readyMs, rss: s.rss })),
    editMs: reloadPages === largest ? reloadTimes : [],
    firstSearch: firstSearchRow ? { query: firstSearchRow.query, ms: firstSearchRow.firstMs } : null,
    searchQueries: SEARCHES,
  });
  // Each (size, query, connections) once, in report order.
  const keys = [...new Map(sortedHttp.map((r) => [`${r.pages} ${r.query} ${r.connections}`, r])).values()];

  return `# Benchmark

- Date: ${started.toISOString()}
- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory; ${process.platform} ${process.arch}
- Node: ${process.version}
- N (pages): ${SIZES.map(pagesText).join(', ')}; reload at ${pagesText(reloadPages)}; HTTP at ${sizes.map(pagesText).join(', ')} (${CONNECTIONS.join(' and ')} connections at ${pagesText(largest)}${sizes.length > 1 ? `, ${SMALL_CONNECTIONS.join(' and ')} below` : ''})
- Durations: ${DURATION} s per autocannon run (BENCH_DURATION), after a 0.5 s warm-up per query; whole benchmark ${(wallMs / 1000).toFixed(0)} s
- Parse cache: ${bench.parseCache ? '`--parse-cache <tmp dir>`; cold = empty directory, cached = second start with the same directory' : 'not supported by the service (cold starts only)'}
${bench.notes.map((n) => `- Note: ${n}\n`).join('')}
## Issue 13 targets

At ${pagesText(largest)} pages${largest === 10_000 ? '' : ' (the issue states them for 10,000: set BENCH_SIZES to include 10000)'}. Ratios are req/s over req/s for the same query and connections in this run; a target over several runs (connection counts, queries) is met only if each run meets it, and the worst is listed first. Timings on a shared machine are indicative; the ratios compare runs of one moment.

${table(
  ['target', 'goal', 'measured', 'verdict'],
  targets.map((t) => [t.target, t.goal, t.measured, verdict(t)]),
)}

## Start-up

Answers = spawn of what \`npm start\` runs (\`node dist/cli.js\`, built once before the runs) to the first answered \`{ __typename }\` (polled every 25 ms). Ready = to the first 200 from \`/readyz\` (polled every 25 ms), which waits for the content and its search index. Pages/s = N / ready. Peak RSS = \`VmHWM\` of the child, read once ready. Load = the service's own "loaded … in X ms".

${table(
  ['N', 'mode', 'answers ms', 'ready ms', 'pages/s', 'peak RSS MB', 'load ms'],
  starts.map((r) => [
    pagesText(r.pages),
    r.mode,
    ms(r.answersMs),
    ms(r.readyMs),
    rate(r.pages / (r.readyMs / 1000)),
    megabytes(r.rss),
    r.loadMs === null ? '–' : ms(r.loadMs),
  ]),
  new Set([0, 2, 3, 4, 5, 6]),
)}

## Reload

${pagesText(reloadPages)} pages, watching on, response cache on (service ready in ${ms(serve.reloadReadyMs)} ms). ${RELOADS} times: rewrite the title line of \`${RELOAD_SLUG}\`, then poll its title every 5 ms until the edit is served; time from the start of the write.

${table(['N', 'median ms', 'max ms', 'all ms'], [[pagesText(reloadPages), ms(median(reloadTimes)), ms(Math.max(...reloadTimes)), reloadTimes.map(ms).join(', ')]], new Set([0, 1, 2]))}

## HTTP

\`--no-watch\`, autocannon, POST \`application/json\`, ${DURATION} s per run, one server process at a time. Servers: **ours, cached** = the service with its response cache (at ${pagesText(largest)} pages only: a cached answer costs the same at any size); **ours, uncached** = \`--no-cache\`; **Mercurius+jit** = the same Pothos schema, resolvers and per-request context on Fastify + Mercurius with \`jit: 1\` (bench/mercurius-server.ts, its own process, search index built before it listens); **bare** = a bare \`node:http\` server (a worker thread of the bench process) replaying our service's exact response bytes and content-type. Latency from every response's own timing. Check: non-2xx, errors and timeouts; responses whose size differs from the run's first; one answer per query and server compared with the expected one before the runs: byte for byte for ours and bare, the parsed \`data\` for Mercurius (${flagged ? `⚠ ${flagged} run(s) flagged` : 'all runs clean'}).

### Uncached: ours, Mercurius+jit and bare

${table(
  ['N', 'query', 'conns', 'ours req/s', 'Mercurius req/s', 'bare req/s', 'ours × bare', 'ours × Mercurius', 'Mercurius × bare'],
  keys.map((k) => {
    const off = run(k.pages, k.query, k.connections, 'off');
    const peer = run(k.pages, k.query, k.connections, 'mercurius');
    const bare = run(k.pages, k.query, k.connections, 'baseline');
    return [
      pagesText(k.pages),
      k.query,
      String(k.connections),
      rate(rps(off)),
      rate(rps(peer)),
      rate(rps(bare)),
      ratio(rps(off) / rps(bare)),
      ratio(rps(off) / rps(peer)),
      ratio(rps(peer) / rps(bare)),
    ];
  }),
  new Set([0, 2, 3, 4, 5, 6, 7, 8]),
)}

### Search

Uncached. First = the first request of that query to a freshly ready uncached service; the very first request after \`/readyz\` said ready is ${FIRST_ORDER[0]?.name}'s, which is also the first of the search document (executed by graphql-js, compiled by graphql-jit right after).

${table(
  ['N', 'query', 'conns', 'ours req/s', 'ours p50 ms', 'ours p99 ms', 'Mercurius p50 ms', 'Mercurius p99 ms', 'ours first ms'],
  keys
    .filter((k) => SEARCHES.includes(k.query))
    .map((k) => {
      const off = run(k.pages, k.query, k.connections, 'off');
      const peer = run(k.pages, k.query, k.connections, 'mercurius');
      return [
        pagesText(k.pages),
        k.query,
        String(k.connections),
        rate(rps(off)),
        ms(off?.result.p50 ?? NaN),
        ms(off?.result.p99 ?? NaN),
        ms(peer?.result.p50 ?? NaN),
        ms(peer?.result.p99 ?? NaN),
        ms(off?.firstMs ?? NaN),
      ];
    }),
  new Set([0, 2, 3, 4, 5, 6, 7, 8]),
)}

### Every run

× bare and × Mercurius = req/s ÷ that server's req/s for the same size, query and connections.

${table(
  ['N', 'query', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', '× bare', '× Mercurius', 'check'],
  sortedHttp.map((row) => [
    pagesText(row.pages),
    row.query,
    String(row.connections),
    SERVER_NAMES[row.server],
    rate(row.result.requestsPerSecond),
    ms(row.result.p50),
    ms(row.result.p99),
    row.server === 'baseline' ? '' : ratio(row.result.requestsPerSecond / rps(run(row.pages, row.query, row.connections, 'baseline'))),
    row.server === 'on' || row.server === 'off' ? ratio(row.result.requestsPerSecond / rps(run(row.pages, row.query, row.connections, 'mercurius'))) : '',
    check(row),
  ]),
  new Set([0, 2, 4, 5, 6, 7, 8]),
)}

Each query's response size, and its first answer from each freshly ready server (ms). When a response is large, autocannon (one thread, decoding every chunk to a string) limits the bare server as much as the server does, so × bare near or above 1 means "as fast as the load generator", not "faster than node:http".

${table(
  ['N', 'query', 'response KB', 'first: ours, cached', 'ours, uncached', 'Mercurius+jit'],
  sizes.flatMap((pages) =>
    QUERIES.map((q) => {
      const first = (server: Server) => httpRows.find((row) => row.pages === pages && row.query === q.name && row.server === server);
      const size = first('off')?.response.body.length;
      return [
        pagesText(pages),
        q.name,
        size === undefined ? '–' : (size / 1024).toFixed(size < 10_240 ? 1 : 0),
        ms(first('on')?.firstMs ?? NaN),
        ms(first('off')?.firstMs ?? NaN),
        ms(first('mercurius')?.firstMs ?? NaN),
      ];
    }),
  ),
  new Set([0, 2, 3, 4, 5]),
)}

The servers of the HTTP runs: spawn to first answer and to ready (ours with the warm parse cache; Mercurius loads without it, since the cache is keyed by the code that parsed, and builds the search index before it listens), and peak RSS after their runs.

${table(
  ['N', 'server', 'answers ms', 'ready ms', 'peak RSS MB'],
  servers.map((s) => [pagesText(s.pages), SERVER_NAMES[s.server], ms(s.answersMs), ms(s.readyMs), megabytes(s.rss)]),
  new Set([0, 2, 3, 4]),
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
    const serve = await served(bench, Math.max(...SIZES), httpSizes(bench, starts));
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
