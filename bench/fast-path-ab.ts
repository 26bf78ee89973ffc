/**
 * A/B of the fast path in one process: the same service with the response cache off, fast path on
 * and off, and a bare node:http server sending the same bytes, each loaded by autocannon in turn.
 * `npx tsx bench/fast-path-ab.ts [content dir] [seconds]` (default: ./content, 3 s). Not part of
 * `npm run bench`; a quick check while working on src/server/fast-path.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from './http.js';
import { loadContent } from '../src/store/load-content.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga } from '../src/server/yoga.js';

const dir = process.argv[2] ?? 'content';
const seconds = Number(process.argv[3] ?? 3);
const { graph } = await loadContent(dir);
const slug = [...graph.events.values()][0]?.slug ?? '';
const QUERIES = {
  'event-page': {
    query:
      'query Event($slug: String!) { event(slug: $slug) { title date startsAt venue talks { title speakers { name aliases affiliation } resources { kind url } projects { slug } } } }',
    variables: { slug },
  },
  aggregate: { query: '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }' },
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const source = { current: () => graph };
const fast = await listen(createHttpServer(createMeetupYoga(source), { cache: null }));
const yoga = await listen(createHttpServer(createMeetupYoga(source), { cache: null, fastPath: false }));
for (const [name, body] of Object.entries(QUERIES)) {
  const payload = JSON.stringify(body);
  const answer = await (await fetch(fast, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload })).text();
  const baseline = await listen(createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(answer) }).end(answer));
  }));
  const rates: Record<string, number[]> = { fast: [], yoga: [], baseline: [] };
  for (let round = 0; round < 2; round++) {
    for (const [label, url] of [['fast', fast], ['yoga', yoga], ['baseline', baseline]] as const) {
      const result = await runLoad({ url, body: payload, connections: 10, durationSeconds: seconds });
      rates[label]?.push(result.requestsPerSecond);
    }
  }
  const mean = (xs: number[] = []) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = mean(rates.baseline);
  console.log(`${name} (${answer.length} bytes): fast ${mean(rates.fast).toFixed(0)} req/s ×${(mean(rates.fast) / base).toFixed(3)}, yoga ${mean(rates.yoga).toFixed(0)} req/s ×${(mean(rates.yoga) / base).toFixed(3)}, baseline ${base.toFixed(0)} req/s; fast/yoga ${(mean(rates.fast) / mean(rates.yoga)).toFixed(2)}`);
}
process.exit(0);
