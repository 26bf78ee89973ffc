import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContent } from './generate.js';
import { peakRss, postGraphQL, sleep, startService, stopService } from './service.js';

/**
 * Issue 12 row A, measured: search texts built to make the fuzzy matcher work (one 60,000-letter
 * word; two 64,000-letter aliases in one 128 KB body; and the worst a request may still send:
 * every alias with a search box full of the longest words allowed). For each: the answer's
 * status and code, seconds, how long `/healthz` waited meanwhile (the event loop's stall) and
 * the service's peak RSS. `npx tsx bench/attack-search.ts [pages]`; BENCH_SERVICE_ROOT=<checkout>
 * measures another checkout (an older commit, for "before").
 */
const pages = Number(process.argv[2] ?? 1000);
const dir = await mkdtemp(join(tmpdir(), 'attack-search-'));
await generateContent(dir, pages);

const word = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7 + seed) % 26))).join('');
const attacks: Record<string, string> = {
  'one 60,000-letter word': `{ search(query: "${word(60_000, 1)}", first: 10) { totalCount } }`,
  'two 64,000-letter aliases': `{ a: search(query: "${word(64_000, 2)}") { totalCount } b: search(query: "${word(64_000, 3)}") { totalCount } }`,
  'worst allowed: 30 aliases × 4 words of 49 letters': `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: search(query: "${[0, 1, 2, 3].map((k) => word(49, i * 4 + k)).join(' ')}", first: 10) { totalCount }`).join(' ')} }`,
  // The same shape with ordinary words: what 120 searches cost anyway, for comparison.
  'ordinary: 30 aliases × 4 words': `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: search(query: "kubernetes gateway service ${['mesh', 'meetup', 'runtime', 'cloud', 'native'][i % 5]}", first: 10) { totalCount }`).join(' ')} }`,
};

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
/** Longest wait of a `/healthz` poll (every 10 ms) until `done` settles: how long the loop stalled. */
async function longestHealthWait(base: string, done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true));
  let longest = 0;
  while (!finished) {
    const at = performance.now();
    await new Promise<void>((ok, fail) => {
      request(`${base}/healthz`, { agent: keepAlive }, (res) => res.resume().on('end', () => ok())).on('error', fail).end();
    });
    longest = Math.max(longest, performance.now() - at);
    await sleep(10);
  }
  return longest;
}

try {
  for (const [name, query] of Object.entries(attacks)) {
    // A fresh service per attack, so each peak RSS is its own.
    const service = await startService({ contentDir: dir, parseCacheDir: null, watch: false, responseCache: false });
    const base = service.url.replace(/\/graphql$/, '');
    // The search index is built by the first search: build it first, so only the attack is timed.
    const warm = performance.now();
    await postGraphQL(service.url, JSON.stringify({ query: '{ search(query: "meetup", first: 1) { totalCount } }' }), undefined, 600_000);
    const warmMs = performance.now() - warm;
    const before = await peakRss(service.pid);
    const at = performance.now();
    const answer = postGraphQL(service.url, JSON.stringify({ query }), undefined, 600_000);
    const stall = await longestHealthWait(base, answer);
    const res = await answer;
    const seconds = (performance.now() - at) / 1000;
    const body = JSON.parse(res.body.toString('utf8')) as { errors?: { extensions?: { code?: string } }[] };
    const codes = [...new Set(body.errors?.map((e) => e.extensions?.code ?? '?') ?? [])].join(',') || 'no error';
    const after = await peakRss(service.pid);
    console.log(
      `${name}: ${Buffer.byteLength(query)} bytes sent; ${res.status} ${codes}; ${seconds.toFixed(2)} s; ` +
        `/healthz waited ${Math.round(stall)} ms; peak RSS ${mb(before)} → ${mb(after)} MB (first search, which builds the index: ${Math.round(warmMs)} ms)`,
    );
    await stopService(service.child);
  }
} finally {
  keepAlive.destroy();
  await rm(dir, { recursive: true, force: true });
}

function mb(bytes: number | null): string {
  return bytes === null ? '?' : String(Math.round(bytes / 1e6));
}
