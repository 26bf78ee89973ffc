/**
 * A/B of cached answers (the response cache's hit path), or of uncached ones with `AB_CACHE=0`:
 * one or more builds of the service, each with its response cache on (off: `--no-cache`), a bare
 * node:http server replaying the first build's bytes (as bench/baseline-server.ts does, but in its
 * own process) and, with `AB_PEER=1`, the Mercurius+jit peer (bench/mercurius-server.ts), each
 * loaded by autocannon in turn, round after round, so every ratio compares runs of one moment. Besides req/s it reports each server's
 * CPU time per request (all its threads, from /proc/PID/task/TID/schedstat): on a loaded machine
 * req/s mostly measures the neighbours, while CPU per answer is what a hit costs.
 *
 * `npx tsx bench/cache-hit-ab.ts CONTENT_DIR [label=path/to/cli.js …]` (default: `ours=dist/cli.js`;
 * build first with `npm run build`). Environment: AB_SECONDS (per run, default 3), AB_ROUNDS
 * (default 3), AB_CONNECTIONS (default 2,10), AB_QUERIES (names, default all), AB_WARMUP (seconds
 * of load per target before the rounds; default 0.5 cached, 8 uncached), AB_CACHE (`0`:
 * every build runs with `--no-cache`), AB_PEER (`1`: Mercurius too, its answers' `data` checked
 * against ours). Not part of `npm run bench`; a quick check while working on the server's request
 * path. A cached answer costs the same at any folder size, so a 1,000-page folder is enough for
 * hits; uncached answers want the size they are judged at (10,000 pages).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { runLoad, warmUp } from './http.js';
import { startPeer } from './peer.js';
import { freePort, postGraphQL, stopService, waitReady, type RawResponse } from './service.js';

const SEARCH = 'query Search($q: String!) { search(query: $q, first: 10) { edges { node { score snippet } } } }';
/** The queries of `npm run bench` (bench/run.ts), by name. */
const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'event-page': {
    query:
      'query Event($slug: String!, $language: String) { event(slug: $slug, language: $language) { title date startsAt venue ' +
      'talks { title speakers { name aliases affiliation } resources { kind url } projects { slug } } } }',
    variables: { slug: 'meetup-7', language: 'zh' },
  },
  aggregate: { query: '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }' },
  'search-zh': { query: SEARCH, variables: { q: '注册中心' } },
  'search-zh-2': { query: SEARCH, variables: { q: '网关' } },
  'search-en': { query: SEARCH, variables: { q: 'Service Mesh' } },
};

const [contentArg, ...buildArgs] = process.argv.slice(2);
if (!contentArg) throw new Error('usage: npx tsx bench/cache-hit-ab.ts CONTENT_DIR [label=path/to/cli.js …]');
const contentDir = resolve(contentArg);
const builds = (buildArgs.length > 0 ? buildArgs : ['ours=dist/cli.js']).map((arg) => {
  const [label, path] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, arg];
  return { label, cli: resolve(path) };
});
const seconds = Number(process.env.AB_SECONDS ?? 3);
const rounds = Number(process.env.AB_ROUNDS ?? 3);
const connections = (process.env.AB_CONNECTIONS ?? '2,10').split(',').map(Number);
const names = process.env.AB_QUERIES ? process.env.AB_QUERIES.split(',') : Object.keys(QUERIES);
const cached = process.env.AB_CACHE !== '0';
const withPeer = process.env.AB_PEER === '1';
/**
 * Load before the rounds: uncached answers cost 3–5× their steady CPU for the first thousands of
 * requests after start (V8 optimising the request path), so they want seconds of it, not 0.5.
 */
const warmUpSeconds = Number(process.env.AB_WARMUP ?? (cached ? 0.5 : 8));

interface Running {
  readonly label: string;
  readonly child: ChildProcess;
  readonly url: string;
}

/** Nanoseconds of CPU a process's threads have run, or NaN without /proc. */
async function cpuNs(pid: number | undefined): Promise<number> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const times = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/schedstat`, 'utf8').then((s) => Number(s.split(' ')[0]), () => 0)));
    return times.reduce((a, b) => a + b, 0);
  } catch {
    return Number.NaN;
  }
}

/** The bare server: bench/baseline-server.ts's answer, one fixed response, in a process of its own. */
const BARE = `
const { createServer } = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
const type = process.argv[2];
createServer((req, res) => {
  req.resume();
  req.once('end', () => res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body));
}).listen(Number(process.argv[3]), '127.0.0.1', () => console.log('listening'));
`;

async function startBare(answer: RawResponse, dir: string): Promise<Running> {
  const file = join(dir, 'bare-answer');
  await writeFile(file, answer.body);
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE, file, answer.contentType, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => child.stdout?.once('data', ok));
  return { label: 'bare', child, url: `http://127.0.0.1:${port}/graphql` };
}

async function start(label: string, cli: string, parseCacheDir: string): Promise<Running> {
  const port = await freePort();
  const args = [cli, '--content', contentDir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--parse-cache', parseCacheDir, ...(cached ? [] : ['--no-cache'])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitReady(url);
  return { label, child, url };
}

const parseCacheDir = await mkdtemp(join(tmpdir(), 'cache-hit-ab-'));
const running: Running[] = [];
// One at a time: the first fills the parse cache, the others start from it.
for (const { label, cli } of builds) running.push(await start(label, cli, parseCacheDir));
const peer = withPeer ? await startPeer(contentDir) : null;
/** Mercurius writes its own bytes (no extensions, its own errors): only its `data` is compared. */
const dataOf = (bytes: Buffer) => (JSON.parse(bytes.toString('utf8')) as { data?: unknown }).data;
try {
  for (const name of names) {
    const query = QUERIES[name];
    if (!query) throw new Error(`unknown query ${name}`);
    const body = JSON.stringify(query);
    // The first answer fills each cache; every build must send the same bytes.
    const answers: RawResponse[] = [];
    for (const service of running) answers.push(await postGraphQL(service.url, body));
    const first = answers[0] as RawResponse;
    answers.forEach((answer, i) => {
      if (answer.status !== 200 || !answer.body.equals(first.body)) throw new Error(`${running[i]?.label} answered ${name} differently`);
    });
    if (peer) {
      const theirs = await postGraphQL(peer.url, body);
      if (theirs.status !== 200 || !isDeepStrictEqual(dataOf(theirs.body), dataOf(first.body))) throw new Error(`mercurius answered ${name} differently`);
    }
    const bare = await startBare(first, parseCacheDir);
    const targets = [...running, ...(peer ? [{ label: 'mercurius', child: peer.child, url: peer.url }] : []), bare];
    try {
      for (const c of connections) {
        const rates = new Map<string, number[]>(targets.map((t) => [t.label, []]));
        // CPU µs per request, one value per round.
        const cpu = new Map<string, number[]>(targets.map((t) => [t.label, []]));
        for (const t of targets) await warmUp(t.url, body, warmUpSeconds);
        for (let round = 0; round < rounds; round++) {
          // Alternate the order, so no target always runs just after the same one.
          const order = round % 2 === 0 ? targets : [...targets].reverse();
          for (const t of order) {
            const before = await cpuNs(t.child.pid);
            const result = await runLoad({ url: t.url, body, connections: c, durationSeconds: seconds });
            cpu.get(t.label)?.push(((await cpuNs(t.child.pid)) - before) / 1000 / result.requests);
            if (result.non2xx || result.errors || result.timeouts || result.sizeChanges) {
              console.warn(`⚠ ${t.label} ${name} c=${c}: non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, size changes ${result.sizeChanges}`);
            }
            rates.get(t.label)?.push(result.requestsPerSecond);
          }
        }
        const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
        // Per round over that round's bare run, then the median of those: the moment's noise cancels.
        const versusBare = (values: Map<string, number[]>, label: string, inverse: boolean) => {
          const bare = values.get('bare') ?? [];
          return (values.get(label) ?? []).map((v, i) => (inverse ? (bare[i] ?? Number.NaN) / v : v / (bare[i] ?? Number.NaN)));
        };
        const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(' ');
        const cells = targets.map((t) => {
          const rs = rates.get(t.label) ?? [];
          const us = median(cpu.get(t.label) ?? []);
          const usList = (cpu.get(t.label) ?? []).map((x) => x.toFixed(0)).join(' ');
          if (t.label === 'bare') return `bare ${mean(rs).toFixed(0)} req/s, ${us.toFixed(1)} µs CPU/req [${usList}]`;
          const byRate = versusBare(rates, t.label, false);
          const byCpu = versusBare(cpu, t.label, true);
          return `${t.label} ${mean(rs).toFixed(0)} req/s ×${median(byRate).toFixed(2)} [${list(byRate)}], ${us.toFixed(1)} µs CPU/req [${usList}], bare's CPU/req over this ×${median(byCpu).toFixed(2)} [${list(byCpu)}]`;
        });
        console.log(`${name} (${first.body.length} B) c=${c}: ${cells.join('; ')}`);
      }
    } finally {
      await stopService(bare.child);
    }
  }
} finally {
  for (const service of running) await stopService(service.child);
  if (peer) await stopService(peer.child);
}
process.exit(0);
