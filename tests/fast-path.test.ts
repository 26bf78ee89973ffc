import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/model/graph.js';
import type { Log } from '../src/model/log.js';
import type { GraphSource } from '../src/model/source.js';
import { schema } from '../src/schema/index.js';
import { createFastPath, fastPathTakes } from '../src/server/fast-path.js';
import { createHttpServer } from '../src/server/http-server.js';
import { operationHash } from '../src/server/persisted-operations.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createMeetupYoga, type MeetupYogaOptions } from '../src/server/yoga.js';
import { loadContent } from '../src/store/load-content.js';

/**
 * The fast path (fast-path.ts) against Yoga's own answer: the same requests to two servers that
 * differ only in `fastPath`, compared on status, headers, body and the request's log lines.
 *
 * Left out of the comparison, each intrinsically per request or per connection:
 * - `date`: the clock;
 * - `ms` in log lines: timing.
 * Each request carries the same `x-request-id` to both servers (a fresh one per request), so the
 * id in headers, bodies (masked errors quote it) and log lines is compared too.
 * - `etag` is NOT excluded: it names the bytes, so it checks them too.
 */
const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
const plain: GraphSource = { current: () => graph };

// One event whose body cannot be read, as tests/request-log.test.ts does: its resolver throws.
const [firstId, firstEvent] = [...graph.events][0] as [string, Graph['events'] extends ReadonlyMap<string, infer E> ? E : never];
const failingEvent = Object.create(firstEvent, { body: { get: () => { throw new Error('disk on fire at /srv/secret'); } } }) as typeof firstEvent;
const failing: GraphSource = { current: () => Object.create(graph, { events: { value: new Map([...graph.events, [firstId, failingEvent]]) } }) as Graph };

const EVENT_TITLES = 'query Titles { events(first: 2) { edges { node { title slug } } } }';
const operations = new Map([[operationHash(EVENT_TITLES), EVENT_TITLES]]);

interface Line {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly lines: Line[];
}

interface Pair {
  readonly fast: { port: number; lines: Line[] };
  readonly yoga: { port: number; lines: Line[] };
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))));

async function start(source: GraphSource, options: MeetupYogaOptions, fastPath: boolean, cache: boolean): Promise<{ port: number; lines: Line[] }> {
  const lines: Line[] = [];
  const at = (level: string) => (fields: object, message: string) => lines.push({ level, message, fields: fields as Record<string, unknown> });
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const yoga = createMeetupYoga(source, { ...options, log });
  const server = createHttpServer(yoga, { cache: cache ? new HttpResponseCache(source) : null, log, fastPath });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.address() as AddressInfo).port, lines };
}

async function pair(source: GraphSource, options: MeetupYogaOptions, cache = false): Promise<Pair> {
  return { fast: await start(source, options, true, cache), yoga: await start(source, options, false, cache) };
}

interface Sent {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One request over a fresh connection, headers exactly as given (plus host and content-length). */
function send(port: number, { method = 'POST', path = '/graphql', headers = {}, body }: Sent): Promise<Omit<Answer, 'lines'>> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** What is compared of an answer: everything but the exclusions listed at the top. */
function comparable(answer: Omit<Answer, 'lines'>, lines: Line[]): Answer {
  const { date, 'x-request-id': id, ...headers } = answer.headers;
  expect(date).toBeDefined();
  return {
    status: answer.status,
    headers: { ...headers, 'x-request-id': id },
    body: answer.body,
    lines: lines.map(({ level, message, fields }) => {
      const { ms, err, ...rest } = fields;
      void ms;
      return { level, message, fields: { ...rest, ...(err ? { err: err instanceof Error ? err.message : String(err) } : {}) } };
    }),
  };
}

let requestCount = 0;

/** Sends `sent` to both servers of `servers` and expects the same answer and log lines. */
async function same(servers: Pair, sent: Sent): Promise<Answer> {
  const answers: Answer[] = [];
  // One id for both sides (the client's when it sends one), so answers and lines that quote it compare.
  const id = `diff-${++requestCount}`;
  const headers = { 'x-request-id': id, ...sent.headers };
  for (const side of [servers.fast, servers.yoga]) {
    const before = side.lines.length;
    const answer = await send(side.port, { ...sent, headers });
    answers.push(comparable(answer, side.lines.slice(before)));
  }
  expect(answers[0]).toEqual(answers[1]);
  return answers[0] as Answer;
}

const json = (body: unknown, headers: Record<string, string> = {}): Sent => ({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const GQL_JSON = { accept: 'application/graphql-response+json' };
const APP_JSON = { accept: 'application/json' };
const ACCEPTS: Record<string, string>[] = [{}, GQL_JSON, APP_JSON, { accept: '*/*' }];

/** The requests every configuration is asked, under each Accept. */
function commonRequests(): Sent[] {
  const bodies: unknown[] = [
    { query: '{ events(first: 2) { edges { node { title slug language } } } }' },
    { query: 'query($n: Int) { events(first: $n) { totalCount edges { node { slug } } } }', variables: { n: 3 } },
    { query: 'query A { events(first: 1) { totalCount } } query B { speakers(first: 1) { edges { node { name } } } }', operationName: 'B' },
    { query: 'query A { events(first: 1) { totalCount } } query B { speakers(first: 1) { edges { node { name } } } }' },
    { query: 'query A { events(first: 1) { totalCount } }', operationName: 'Nope' },
    { query: '{ events(first: 2) { edges { node { title } } ' },
    { query: '{ evnts { edges { node { title } } } }' },
    { query: '{ events(first: 1) { edges { node { titel } } } }' },
    { query: 'query($n: Int) { events(first: $n) { totalCount } }', variables: { n: 'three' } },
    { query: 'query($n: Int!) { events(first: $n) { totalCount } }', variables: {} },
    { query: '{ events(first: 1) { totalCount } }', variables: { unknown: 1 } },
    { query: '{ events(first: 1) { totalCount } }', variables: null, operationName: null, extensions: null },
    { query: '{ events(first: 1) { totalCount } }', extensions: { anything: true } },
    { query: '{ events(first: 1) { totalCount } }', extra: 1 },
    { query: 'mutation { nothing }' },
    { query: 'subscription { contentChanged { reason } }' },
    { query: '{ __schema { queryType { name } } }' },
    { query: '{ __typename }' },
    { query: 7 },
    { variables: {} },
    {},
    { query: '{ __typename }', variables: { a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } },
    { query: '{ __typename }', variables: 'not an object' },
    { query: '{ events(first: 1) { edges { node { title } } } }', documentId: 'nope' },
  ];
  const sent: Sent[] = [];
  for (const accept of ACCEPTS) for (const body of bodies) sent.push(json(body, accept));
  return [
    ...sent,
    { headers: { 'content-type': 'application/json' }, body: '{ not json' },
    { headers: { 'content-type': 'application/json' }, body: '' },
    { headers: { 'content-type': 'application/json' }, body: '[{"query":"{ __typename }"}]' },
    { headers: { 'content-type': 'application/json' }, body: '"a string"' },
    { headers: { 'content-type': 'application/json' }, body: 'null' },
    { headers: { 'content-type': 'application/json' }, body: '42' },
    { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"query":"{ __typename }"}' },
    { headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' },
    { headers: { 'content-type': 'application/json', accept: 'application/xml' }, body: '{"query":"{ __typename }"}' },
    { headers: { 'content-type': 'application/json', accept: 'application/json; charset=latin1' }, body: '{"query":"{ __typename }"}' },
    { headers: { 'content-type': 'application/json', 'x-request-id': 'client-chosen-id' }, body: '{"query":"{ nope }"}' },
    { headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' }, body: '{"query":"{ __typename }"}' },
    ...getRequests(),
    { path: '/graphql?x=1', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
    { path: '/other', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
  ];
}

/** GETs: with and without the CSRF header, every Accept, malformed parameters, a mutation. */
function getRequests(): Sent[] {
  const q = (parameters: Record<string, string>) => `/graphql?${new URLSearchParams(parameters).toString()}`;
  const paths = [
    q({ query: '{ __typename }' }),
    q({ query: 'query($n: Int) { events(first: $n) { totalCount } }', variables: '{"n":2}' }),
    q({ query: 'query A { __typename } query B { events(first: 1) { totalCount } }', operationName: 'B' }),
    q({ query: '{ evnts }' }),
    q({ query: '{ __typename', extensions: '{}' }),
    q({ query: '{ __typename }', variables: '[1]' }),
    q({ query: '{ __typename }', extensions: 'nope' }),
    q({ query: 'mutation { x }' }),
    q({ query: 'subscription { contentChanged { version } }' }),
    q({ documentId: `sha256:${operationHash(EVENT_TITLES)}` }),
    q({ documentId: 'missing' }),
    q({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operationHash(EVENT_TITLES) } }) }),
    '/graphql?query=%E0%A4%A',
    '/graphql?',
  ];
  const headerSets: Record<string, string>[] = [{}, { 'x-graphql-yoga-csrf': '1' }, ...ACCEPTS.slice(1).map((a) => ({ ...a, 'x-graphql-yoga-csrf': '1' }))];
  return paths.flatMap((path) => headerSets.map((headers) => ({ method: 'GET', path, headers })));
}

async function allSame(servers: Pair, requests: Sent[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const sent of requests) answers.push(await same(servers, sent));
  return answers;
}

describe('the fast path answers as Yoga does', () => {
  it('development mode, response cache off', async () => {
    const answers = await allSame(await pair(plain, {}), commonRequests());
    // The comparison saw real answers, not two identical failures.
    expect(answers.filter((a) => a.status === 200 && a.body.includes('"data"')).length).toBeGreaterThan(10);
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of [200, 400, 404, 406, 415]) expect(statuses).toContain(status);
  });

  it('development mode, response cache on (asked twice: computed, then stored)', async () => {
    const servers = await pair(plain, {}, true);
    const requests = commonRequests();
    await allSame(servers, requests);
    const again = await allSame(servers, requests);
    expect(again.some((a) => a.headers.etag !== undefined)).toBe(true);
  });

  it('production mode: hidden suggestions, CSRF refusals, introspection off, masked internal errors', async () => {
    const servers = await pair(failing, { production: true });
    const answers = await allSame(servers, [
      ...commonRequests(),
      json({ query: '{ events(first: 5) { edges { node { slug body } } } }' }),
      json({ query: '{ events(first: 5) { edges { node { slug body } } } }' }, GQL_JSON),
      { headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' },
    ]);
    expect(answers.some((a) => a.body.includes('Unexpected error.'))).toBe(true);
    expect(answers.some((a) => a.lines.some((l) => l.level === 'error'))).toBe(true);
    expect(answers.some((a) => a.status === 403)).toBe(true);
    expect(answers.some((a) => a.body.includes('Did you mean'))).toBe(false);
  });

  it('tight limits: Armor depth, aliases and tokens, query cost, response size', async () => {
    const servers = await pair(plain, { limits: { maxDepth: 4, maxAliases: 2, maxTokens: 200, maxCost: 20, maxResponseBytes: 120 } });
    const answers = await allSame(servers, [
      ...commonRequests(),
      ...ACCEPTS.flatMap((accept) => [
        json({ query: '{ events(first: 1) { nodes { talks { speakers { name } } } } }' }, accept),
        json({ query: '{ a: events(first: 1) { totalCount } b: events(first: 1) { totalCount } c: events(first: 1) { totalCount } d: events(first: 1) { totalCount } }' }, accept),
        json({ query: '{ events(first: 30) { edges { node { slug } } } }' }, accept),
        json({ query: '{ events(first: 3) { edges { node { title slug } } } }' }, accept),
      ]),
    ]);
    const text = answers.map((a) => a.body).join('\n');
    for (const code of ['COST_LIMIT_EXCEEDED', 'RESPONSE_TOO_LARGE']) expect(text).toContain(code);
    expect(text).toMatch(/depth|aliases/i);
  });

  it('persisted operations: hits, misses, and only-persisted refusals', async () => {
    const hash = operationHash(EVENT_TITLES);
    const requests = [
      ...commonRequests(),
      json({ documentId: `sha256:${hash}` }),
      json({ documentId: hash, operationName: 'Titles' }, GQL_JSON),
      json({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, GQL_JSON),
      json({ documentId: 'missing' }, APP_JSON),
      json({ query: EVENT_TITLES }),
    ];
    const only = await allSame(await pair(plain, { production: true, persisted: operations, onlyPersisted: true }), requests);
    const text = only.map((a) => a.body).join('\n');
    // A persisted operation served by GET (a CDN's URL), through the fast path and through Yoga.
    expect(only.some((a) => a.status === 200 && a.body.includes('"events"'))).toBe(true);
    for (const code of ['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_ONLY']) expect(text).toContain(code);
    await allSame(await pair(plain, { persisted: operations }), requests);
  });

  it('CORS: an allowed and a disallowed origin, and the open development default', async () => {
    const withOrigin = (origin: string) => commonRequests().slice(0, 8).map((s) => ({ ...s, headers: { ...s.headers, origin } }));
    const listed = await pair(plain, { production: true, corsOrigins: ['https://good.example'] });
    const good = await allSame(listed, withOrigin('https://good.example'));
    expect(good[0]?.headers['access-control-allow-origin']).toBe('https://good.example');
    await allSame(listed, withOrigin('https://evil.example'));
    await allSame(await pair(plain, {}), withOrigin('https://anyone.example'));
  });

  it('content not loaded yet: 503 from the health plugin', async () => {
    const servers = await pair(plain, { health: { loaded: () => false } });
    const [answer] = await allSame(servers, [json({ query: '{ __typename }' })]);
    expect(answer?.status).toBe(503);
  });

  it('generated requests', async () => {
    const servers = await pair(plain, { limits: { maxCost: 200, maxResponseBytes: 2000 } });
    const field = fc.constantFrom('title', 'slug', 'language', 'titel', '__typename', 'talks { title }', 'body');
    const body = fc.record(
      {
        query: fc.oneof(
          fc.tuple(fc.integer({ min: -1, max: 60 }), fc.array(field, { minLength: 1, maxLength: 3 })).map(([n, fields]) => `query Q($n: Int) { events(first: ${n}) { edges { node { ${fields.join(' ')} } } } }`),
          fc.string(),
        ),
        variables: fc.oneof(fc.constant(undefined), fc.constant(null), fc.record({ n: fc.oneof(fc.integer({ min: -2, max: 80 }), fc.string()) })),
        operationName: fc.constantFrom(undefined, null, 'Q', 'R'),
      },
      { requiredKeys: [] },
    );
    const accept = fc.constantFrom<Record<string, string>>(...ACCEPTS);
    await fc.assert(
      fc.asyncProperty(body, accept, async (b, a) => {
        await same(servers, json(b, a));
      }),
      { numRuns: 60 },
    );
  });

  it('takes the common requests itself (so the comparisons above ran it) and declines the rest', async () => {
    const fast = createFastPath(createMeetupYoga(plain, { production: true, persisted: operations }));
    const message = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: 'localhost', ...headers } }) as unknown as IncomingMessage;
    const answer = (req: IncomingMessage, body = '') => fast.answer(req, {} as ServerResponse, Buffer.from(body));
    const post = message('POST', '/graphql', { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
    const get = message('GET', `/graphql?documentId=${operationHash(EVENT_TITLES)}`, { 'x-graphql-yoga-csrf': '1' });
    expect(fastPathTakes(post) && fastPathTakes(get)).toBe(true);
    const taken = await answer(post, JSON.stringify({ query: '{ events(first: 1) { totalCount } }' }));
    expect(taken?.status).toBe(200);
    expect(taken?.headers).toEqual(expect.objectContaining({ 'content-type': 'application/graphql-response+json; charset=utf-8' }));
    // The bytes serialising made (use-response-size.ts), sent as they are.
    expect(Buffer.isBuffer(taken?.body)).toBe(true);
    expect(taken?.body.toString()).toBe(`{"data":{"events":{"totalCount":${graph.events.size}}}}`);
    expect((await answer(get))?.body.toString()).toContain('"edges"');
    expect(await answer(post, '[{"query":"{ __typename }"}]')).toBeNull();
    expect(await answer(post, '{"query":"{ __typename }","variables":"x"}')).toBeNull();
    expect(await answer(message('GET', '/graphql?query=%7B__typename%7D'))).toBeNull();
    expect(await answer(message('GET', '/graphql?query=%7B__typename%7D&variables=%5B%5D', { 'x-graphql-yoga-csrf': '1' }))).toBeNull();
    expect(fastPathTakes(message('POST', '/graphql', { 'content-type': 'text/plain' }))).toBe(false);
    expect(fastPathTakes(message('GET', '/graphql?query=x', { accept: 'text/html' }))).toBe(false);
    expect(fastPathTakes(message('POST', '/graphql', { 'content-type': 'application/json', accept: 'text/event-stream' }))).toBe(false);
  });

  it('a query string that passed parse and validation skips both the next times, and answers as the first time', async () => {
    let version = 0;
    const source: GraphSource = { current: () => Object.create(graph, { version: { value: version } }) as Graph };
    const fast = createFastPath(createMeetupYoga(source));
    const message = { method: 'POST', url: '/graphql', headers: { host: 'localhost', 'content-type': 'application/json' } } as unknown as IncomingMessage;
    const ask = async (body: unknown) => (await fast.answer(message, {} as ServerResponse, Buffer.from(JSON.stringify(body))))?.body.toString();
    const query = 'query($n: Int) { events(first: $n) { totalCount edges { node { slug } } } }';
    const first = await ask({ query, variables: { n: 2 } });
    expect(fast.counts.prepared).toBe(0);
    expect(await ask({ query, variables: { n: 2 } })).toBe(first);
    expect(fast.counts.prepared).toBe(1);
    // Variables are still checked per request: a bad one throws in the cost estimator, and a
    // throw is Yoga's to answer (declined: no answer here); a good one is answered.
    expect(await ask({ query, variables: { n: 'two' } })).toBeUndefined();
    expect(await ask({ query, variables: { n: 1 } })).toContain('"totalCount"');
    // A reload changes nothing prepared: the next answer reads the graph of its own request.
    version++;
    expect(await ask({ query, variables: { n: 2 } })).toBe(first);
    expect(fast.counts.prepared).toBe(4);
    // An operation name the document does not have is Yoga's to refuse, every time.
    const unknown = await ask({ query, operationName: 'Nope' });
    expect(unknown).toContain('"errors"');
    expect(await ask({ query, operationName: 'Nope' })).toBe(unknown);
    expect(fast.counts.prepared).toBe(4);
  });

  it('a document refused by Armor, validation or the cost limit is refused every time', async () => {
    const fast = createFastPath(createMeetupYoga(plain, { limits: { maxDepth: 4, maxCost: 20 } }));
    const message = { method: 'POST', url: '/graphql', headers: { host: 'localhost', 'content-type': 'application/json' } } as unknown as IncomingMessage;
    const ask = async (body: unknown) => (await fast.answer(message, {} as ServerResponse, Buffer.from(JSON.stringify(body))))?.body.toString() ?? '';
    for (const [query, refusal] of [
      ['{ events(first: 1) { nodes { talks { speakers { name } } } } }', /depth/i],
      ['{ events(first: 1) { edges { node { titel } } } }', /titel/],
      ['{ events(first: 30) { edges { node { slug } } } }', /COST_LIMIT_EXCEEDED/],
    ] as const) {
      for (let i = 0; i < 3; i++) expect(await ask({ query })).toMatch(refusal);
    }
    // Only the cost refusal passed validation (the cost is checked per request, at execution).
    expect(fast.counts.prepared).toBe(2);
  });

  it('the schema has a subscription root, so the subscription request above is a real one', () => {
    expect(schema.getSubscriptionType()).toBeDefined();
  });
});
