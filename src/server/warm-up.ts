import { request } from 'node:http';
import type { Server } from 'node:http';
import type { Graph } from '../model/graph.js';

/** Documents of the warm-up's own, so no client's document counts as seen (use-jit.ts) before it comes. */
const search = (round: number) => `query WarmUpSearch${round}($q: String!) { search(query: $q, first: 1) { edges { node { score snippet } } } }`;
const event = (round: number) => `query WarmUpEvent${round}($slug: String!) { event(slug: $slug) { title talks { title speakers { name } } } }`;
/**
 * Times each is asked, as a new document each time (its own operation name): a client's first
 * request of a document pays parse, validation, the cost estimate and graphql-js' execution for
 * it (graphql-jit compiles it after), code that one warm-up document ran only once.
 */
const ROUNDS = 3;

/**
 * Asks the listening server a search and an event page over loopback, the way a client would,
 * before /readyz says ready, ROUNDS times. The first request of a process runs all of its code for the first
 * time (V8 compiles it lazily: the parser, validation, execution, the search, the serialiser,
 * about 70 ms of CPU at 1,000 pages against 2–12 ms for the next searches); the warm-up pays
 * that, not the first client. Terms come from the graph itself (an event's title), so the search
 * finds something and runs the snippet code too. Its request lines carry the id `warm-up`.
 * Never fails: a warm-up that goes wrong only leaves the code cold.
 */
export async function warmUp(server: Server, graph: Graph): Promise<void> {
  const address = server.address();
  if (!address || typeof address === 'string') return;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const first = graph.events.values().next().value;
  const requests = Array.from({ length: ROUNDS }, (_, round) => [
    { query: search(round), variables: { q: first?.title ?? 'meetup' } },
    ...(first ? [{ query: event(round), variables: { slug: first.slug } }] : []),
  ]).flat();
  for (const body of requests) await post(host, address.port, JSON.stringify(body)).catch(() => undefined);
}

function post(host: string, port: number, body: string): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(
      // No keep-alive socket left behind: it would hold the process open at shutdown.
      { host, port, method: 'POST', path: '/graphql', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'warm-up', connection: 'close' } },
      (res) => {
        res.resume();
        res.once('end', done);
        res.once('error', fail);
      },
    );
    req.once('error', fail);
    req.setTimeout(10_000, () => req.destroy(new Error('warm-up timed out')));
    req.end(body);
  });
}
