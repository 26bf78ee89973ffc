import { cp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import type { Graph } from '../src/model/graph.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { CHURN_TAG, CHURN_WORD, startChurn, writeChurnPages } from './helpers/content-churn.js';
import { shortOrLong } from './helpers/long-run.js';
import { tempContent } from './helpers/temp-content.js';
import { VersionAudit, type FactCheck } from './helpers/version-audit.js';

/**
 * The load runs until the edits have gone round this many times (each round edits, adds, breaks
 * and repairs, and from the third deletes, waiting for each to be served): counted, so a busy
 * machine makes the run longer, never weaker. `npm test` runs 3 rounds (~3 s on an idle machine),
 * `npm run test:long` 20 (~20 s).
 */
const ROUNDS = shortOrLong(3, 20);
/** A hang detector: the load stops here even if the rounds never complete (then the test fails). */
const MAX_SECONDS = shortOrLong(150, 400);
const CONNECTIONS = 8;
const FOCUS = 'load-meetup-1';

// Every string these select is ASCII (see VersionAudit): ids, slugs, generated titles, dates.
const QUERIES = {
  eventPage: {
    query: `query EventPage($slug: String!) {
      contentVersion
      event(language: "zh", slug: $slug) {
        id slug title startsAt endsAt format tags
        talks { id title startsAt speakers { id } resources { url kind } }
        resources { url kind }
      }
    }`,
    variables: { slug: FOCUS },
  },
  dashboard: {
    query: `query Dashboard {
      contentVersion
      events(filter: { tag: "${CHURN_TAG}" }, first: 100) { totalCount edges { cursor node { slug title startsAt } } }
      stats { events talks speakers projects eventsByYear { key count } }
      diagnostics { code path line }
    }`,
    variables: {},
  },
  search: {
    query: `query Find { contentVersion search(query: "${CHURN_WORD}", types: [EVENT], first: 100) { totalCount edges { node { score node { ... on Event { slug title } } } } } }`,
    variables: {},
  },
} as const;

type Query = keyof typeof QUERIES;

interface EventPageData {
  event: { slug: string; title: string; talks: { title: string }[] } | null;
}
interface DashboardData {
  events: { totalCount: number; edges: { node: { slug: string; title: string } }[] };
  stats: { events: number; talks: number; speakers: number; projects: number };
  diagnostics: { code: string; path: string }[];
}
interface SearchData {
  search: { totalCount: number; edges: { node: { node: { slug: string; title: string } } }[] };
}

const sorted = (pairs: Iterable<[string, string]>) => [...pairs].map(([a, b]) => `${a}=${b}`).sort();
const churnEvents = (g: Graph) => (g.eventsByTag.get(CHURN_TAG) ?? []).flatMap((id) => g.events.get(id) ?? []);

/** What each answer must agree with: the graph of the version it names, fact by fact. */
const facts: FactCheck<Graph> = (query, data, graph) => {
  const problems: string[] = [];
  const same = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${what}: got ${JSON.stringify(got)}, version has ${JSON.stringify(want)}`);
  };
  if (query === 'eventPage') {
    const { event } = data as EventPageData;
    const want = graph.events.get(`zh/${FOCUS}`);
    same('title', event?.title, want?.title);
    same('talks', event?.talks.map((t) => t.title), want?.talkIds.map((id) => graph.talks.get(id)?.title));
  } else if (query === 'dashboard') {
    const { events, stats, diagnostics } = data as DashboardData;
    same('totalCount vs edges', events.totalCount, events.edges.length);
    same('events', sorted(events.edges.map((e) => [e.node.slug, e.node.title])), sorted(churnEvents(graph).map((e) => [e.slug, e.title])));
    same('stats', [stats.events, stats.talks, stats.speakers, stats.projects], [graph.events.size, graph.talks.size, graph.speakers.size, graph.projects.size]);
    same('diagnostics', diagnostics.map((d) => `${d.code} ${d.path}`), graph.diagnostics.map((d) => `${d.code} ${d.path}`));
  } else {
    const { search } = data as SearchData;
    same('totalCount vs edges', search.totalCount, search.edges.length);
    const titled = [...graph.events.values()].filter((e) => e.title.includes(CHURN_WORD));
    same('hits', sorted(search.edges.map((e) => [e.node.node.slug, e.node.node.title])), sorted(titled.map((e) => [e.slug, e.title])));
  }
  return problems;
};

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let store: ContentStore;
let server: Server;
let base = '';
let slugs: string[] = [];

beforeAll(async () => {
  const t = await tempContent({});
  dir = t.dir;
  cleanup = t.cleanup;
  await cp(fileURLToPath(new URL('../content/', import.meta.url)), dir, { recursive: true });
  slugs = await writeChurnPages(dir, 8);
  store = await ContentStore.open(dir);
  await store.watch();
  const yoga = createMeetupYoga(store);
  // As in production: answers come from the byte cache, which every reload empties.
  server = createHttpServer(yoga, { cache: new HttpResponseCache(store) });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  await store?.close();
  await cleanup();
});

const post = async <T>(name: Query): Promise<T> => {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(QUERIES[name]),
  });
  return ((await response.json()) as { data: T }).data;
};

describe('load while the content changes', () => {
  it('answers every request, each from one whole content version, never an outdated one', { timeout: (MAX_SECONDS + 100) * 1000 }, async () => {
    const initial = store.current();
    const audit = new VersionAudit<Graph>({ version: initial.version, state: initial }, facts);
    const unsubscribe = store.onChange(() => {
      const graph = store.current();
      audit.swapped(graph.version, performance.now(), graph);
    });

    const latencies: number[] = [];
    const started = performance.now();
    const churn = startChurn(dir, store, { slugs, focus: FOCUS, holdMs: 150 });
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: CONNECTIONS,
          duration: MAX_SECONDS,
          // Seconds per request: a hang detector (answers take milliseconds, a busy machine's tens).
          timeout: 30,
          requests: (Object.keys(QUERIES) as Query[]).map((name) => ({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify(QUERIES[name]),
            // Runs as the request is built, just before it is written: no later than the send.
            setupRequest: (request, context) => {
              context.sentAt = performance.now();
              return request;
            },
            onResponse: (status, body, context) =>
              audit.observe({ query: name, status, body, sentAt: context.sentAt as number, receivedAt: performance.now() }),
          })),
        },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
      const done = setInterval(() => {
        if (churn.rounds() < ROUNDS) return;
        clearInterval(done);
        instance.stop();
      }, 20);
      instance.on('done', () => clearInterval(done));
    });
    const rounds = churn.rounds();
    const reloads = audit.swapsSince(started);
    const churned = await churn.stop();
    await store.settled();
    unsubscribe();

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
    console.log(
      `load under edits: ${result.requests.total} requests in ${result.duration.toFixed(1)} s ` +
        `(${(result.requests.total / result.duration).toFixed(0)} req/s, ${CONNECTIONS} connections), p99 ${p99.toFixed(1)} ms; ` +
        `${reloads} reloads during the run (${rounds} rounds: ${churned.edits} edits, ${churned.adds} adds, ${churned.breaks} breaks and repairs, ` +
        `${churned.deletes} deletes); ${audit.versionsAnswered} distinct versions answered; ${audit.responses} answers checked; ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; problems ${audit.problems.count}`,
    );

    expect(audit.problems.first).toEqual([]);
    expect(audit.problems.count).toBe(0);
    expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
    // The run proves something only if versions really changed under load, faults included.
    expect(rounds, `the edits went round ${rounds} times before the load stopped at ${MAX_SECONDS} s`).toBeGreaterThanOrEqual(ROUNDS);
    expect(audit.responses).toBeGreaterThan(0);
    expect(reloads).toBeGreaterThanOrEqual(3);
    expect(audit.versionsAnswered).toBeGreaterThanOrEqual(2);
    expect(churned.breaks).toBeGreaterThanOrEqual(1);
    expect(churned.deletes).toBeGreaterThanOrEqual(1);

    // Once the edits stop, what is served is what is on disk.
    const final = await post<DashboardData>('dashboard');
    expect(sorted(final.events.edges.map((e) => [e.node.slug, e.node.title]))).toEqual(sorted(churned.onDisk));
    expect(final.diagnostics).toEqual([]);
    expect((await post<EventPageData>('eventPage')).event?.title).toBe(churned.onDisk.get(FOCUS));
  });
});
