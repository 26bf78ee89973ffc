import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { schema } from '../src/schema/index.js';
import { operationHash, PersistedOperationsError, readPersistedOperations } from '../src/server/persisted-operations.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga, type MeetupYogaOptions } from '../src/server/yoga.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
const source = { current: () => graph };
/** A fresh headers object each time: a fetch may add content-length to the object it is given. */
const json = () => ({ 'content-type': 'application/json' });

function yogaWith(options: MeetupYogaOptions) {
  return createMeetupYoga(source, options);
}

async function post(options: MeetupYogaOptions, query: string, headers: Record<string, string> = {}) {
  const response = await yogaWith(options).fetch('http://localhost/graphql', { method: 'POST', headers: { ...json(), ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('production mode', () => {
  const production = { production: true };

  it('masks internal errors without details', async () => {
    const failing = createMeetupYoga({ current: () => { throw new Error('secret path /srv/content is unreadable'); } }, production);
    const response = await failing.fetch('http://localhost/graphql', { method: 'POST', headers: json(), body: JSON.stringify({ query: '{ events { totalCount } }' }) });
    const text = await response.text();
    expect(text).toMatch(/Unexpected error/);
    expect(text).not.toMatch(/secret|\/srv|stack/i);
  });

  it('gives no field suggestions in production, and does in development', async () => {
    const typo = '{ evnts { totalCount } }';
    expect((await post(production, typo)).body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await post({}, typo)).body.errors?.[0]?.message).toMatch(/Did you mean "events"/);
  });

  it('refuses introspection unless enabled', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await post(production, introspect)).body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect((await post({ ...production, introspection: true }, introspect)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await post({}, introspect)).body.errors).toBeUndefined();
  });

  it('serves GraphiQL only when enabled', async () => {
    const page = async (options: MeetupYogaOptions) => {
      const response = await yogaWith(options).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
      return `${response.status} ${await response.text()}`;
    };
    expect(await page(production)).not.toMatch(/<html/i);
    expect(await page({ ...production, graphiql: true })).toMatch(/^200 [\s\S]*<html/i);
    expect(await page({})).toMatch(/^200 [\s\S]*<html/i);
  });

  it('requires a CSRF header on requests a browser sends without a preflight', async () => {
    const get = (headers: Record<string, string>) => yogaWith(production).fetch('http://localhost/graphql?query=%7B__typename%7D', { headers });
    expect((await get({})).status).toBe(403);
    expect((await get({ 'x-graphql-yoga-csrf': '1' })).status).toBe(200);
    const form = await yogaWith(production).fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' });
    expect(form.status).toBe(403);
    expect((await post(production, '{ __typename }')).status).toBe(200);
    expect((await yogaWith({}).fetch('http://localhost/graphql?query=%7B__typename%7D')).status).toBe(200);
  });

  it('allows cross-origin calls only from the allow-list', async () => {
    const preflight = (options: MeetupYogaOptions, origin: string) =>
      yogaWith(options).fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = { ...production, corsOrigins: ['https://meetups.example.org', 'https://www.example.org'] };
    expect((await preflight(allowed, 'https://meetups.example.org')).headers.get('access-control-allow-origin')).toBe('https://meetups.example.org');
    expect((await preflight(allowed, 'https://www.example.org')).headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    const evil = (await preflight(allowed, 'https://evil.example.com')).headers.get('access-control-allow-origin');
    expect(evil === null || evil === 'null').toBe(true);
    expect((await preflight(production, 'https://meetups.example.org')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the response cache in front of production rules', () => {
  const origins = ['https://a.example.org', 'https://b.example.org'];
  const yoga = yogaWith({ production: true, corsOrigins: origins });
  const server = createHttpServer(yoga, { cache: new HttpResponseCache(source) });
  const port = new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('never replays an answer to a request Yoga would refuse or answer with other headers', async () => {
    const url = `http://127.0.0.1:${await port}/graphql?query=%7B__typename%7D`;
    const fromA = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1', origin: 'https://a.example.org' } });
    expect(fromA.status).toBe(200);
    expect(fromA.headers.get('access-control-allow-origin')).toBe('https://a.example.org');
    // Same URL, answered and cached above: without the CSRF header it is still refused,
    expect((await fetch(url)).status).toBe(403);
    // and another allowed origin gets its own CORS headers, not the first one's.
    const fromB = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1', origin: 'https://b.example.org' } });
    expect(fromB.headers.get('access-control-allow-origin')).toBe('https://b.example.org');
  });
});

describe('persisted operations', () => {
  const eventTitles = 'query EventTitles { events(first: 2) { edges { node { title } } } }\n';
  const folder = mkdtemp(join(tmpdir(), 'persisted-')).then(async (dir) => {
    await writeFile(join(dir, 'event-titles.graphql'), eventTitles);
    return dir;
  });
  afterAll(async () => rm(await folder, { recursive: true, force: true }));

  it('serves a known operation by hash over GET, with an ETag a CDN can revalidate', async () => {
    const operations = await readPersistedOperations(await folder, schema);
    const yoga = yogaWith({ persisted: operations, onlyPersisted: true });
    const server = createHttpServer(yoga, { cache: new HttpResponseCache(source) });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const url = `${base}?documentId=sha256:${operationHash(eventTitles)}`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      const body = (await first.json()) as { data: { events: { edges: unknown[] } } };
      expect(body.data.events.edges).toHaveLength(2);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      expect((await fetch(url, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
      const apq = `${base}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operationHash(eventTitles) } }))}`;
      expect((await fetch(apq)).status).toBe(200);
      const unknown = await fetch(`${base}?documentId=sha256:${'0'.repeat(64)}`);
      expect(JSON.stringify(await unknown.json())).toMatch(/PERSISTED_QUERY_NOT_FOUND/);
      const arbitrary = await fetch(base, { method: 'POST', headers: json(), body: JSON.stringify({ query: '{ __typename }' }) });
      expect(JSON.stringify(await arbitrary.json())).toMatch(/PERSISTED_QUERY_ONLY/);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('accepts other operations too unless only persisted ones are allowed', async () => {
    const yoga = yogaWith({ persisted: await readPersistedOperations(await folder, schema) });
    const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: json(), body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('reads a JSON manifest, and refuses at start-up an operation the schema does not validate', async () => {
    const dir = await folder;
    const manifest = join(dir, 'manifest.json');
    await writeFile(manifest, JSON.stringify({ abc123: '{ __typename }' }));
    expect([...(await readPersistedOperations(manifest, schema)).keys()]).toEqual(['abc123']);
    await writeFile(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'x1', name: 'Q', type: 'query', body: '{ __typename }' }] }));
    expect([...(await readPersistedOperations(manifest, schema)).keys()]).toEqual(['x1']);
    await writeFile(manifest, JSON.stringify({ bad: '{ evnts { totalCount } }' }));
    await expect(readPersistedOperations(manifest, schema)).rejects.toThrow(PersistedOperationsError);
    await expect(readPersistedOperations(manifest, schema)).rejects.toThrow(/manifest\.json \(bad\): Cannot query field "evnts"/);
  });
});

describe('health and readiness', () => {
  it('is healthy at once, and ready (with GraphQL answering) only after the content loaded', async () => {
    let loaded = false;
    const server = createHttpServer(yogaWith({ health: { loaded: () => loaded } }));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const graphql = () => fetch(`${base}/graphql`, { method: 'POST', headers: json(), body: JSON.stringify({ query: '{ __typename }' }) });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      const early = await graphql();
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      loaded = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await graphql()).status).toBe(200);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('answers health routes through yoga.fetch too, and stops saying ready while draining without refusing requests', async () => {
    let draining = false;
    const yoga = yogaWith({ health: { loaded: () => true, draining: () => draining } });
    const get = (path: string) => yoga.fetch(`http://localhost${path}`);
    expect((await get('/')).headers.get('location')).toBe('/graphql');
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).status).toBe(200);
    draining = true;
    expect(await (await get('/readyz')).json()).toEqual({ status: 'not ready' });
    expect((await get('/healthz')).status).toBe(200);
    const answer = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: json(), body: JSON.stringify({ query: '{ __typename }' }) });
    expect(answer.status).toBe(200);
  });
});

describe('a GET whose variables or extensions are not JSON objects', () => {
  const yoga = yogaWith({ production: true });
  const servers = [createHttpServer(yoga, { cache: new HttpResponseCache(source) }), createHttpServer(yoga, {})];
  const ports = servers.map((server) => new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port))));
  afterAll(() => Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done())))));

  it('is a 400 naming the parameter, over real HTTP with and without the response cache (Yoga alone answers 500)', async () => {
    for (const port of ports) {
      const base = `http://127.0.0.1:${await port}/graphql?query=${encodeURIComponent('{ stats { events } }')}`;
      for (const [parameter, value] of [['variables', '{nope'], ['extensions', '[1,2]'], ['variables', '"text"']] as const) {
        const response = await fetch(`${base}&${parameter}=${encodeURIComponent(value)}`, { headers: { accept: 'application/graphql-response+json' } });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ errors: [{ message: `The "${parameter}" parameter must be a JSON object`, extensions: { code: 'MALFORMED_PARAMETER', parameter } }] });
      }
      // Production asks a GET for the CSRF header; the malformed ones were refused before that check.
      const fine = await fetch(`${base}&variables=${encodeURIComponent('{}')}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' } });
      expect(fine.status).toBe(200);
    }
  });
});

describe('variables nested deeper than any input of the schema', () => {
  const server = createHttpServer(yogaWith({ production: true }), { cache: new HttpResponseCache(source) });
  const port = new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('are a 400 naming the limit, not a stack overflow answered with 500', async () => {
    const post = async (variables: string) =>
      fetch(`http://127.0.0.1:${await port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: `{"query":"query($v: [ID!]!) { nodes(ids: $v) { id } }","variables":{"v":${variables}}}`,
      });
    const deep = await post(`${'['.repeat(60_000)}"x"${']'.repeat(60_000)}`);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ errors: [{ message: 'the variables are nested more than 32 levels deep', extensions: { code: 'BAD_USER_INPUT', max: 32 } }] });
    const flat = await post('["RXZlbnQ6bm9uZQ"]');
    expect(flat.status).toBe(200);
  });
});

describe('idle keep-alive connections', () => {
  it('stay open past the idle timeouts of clients and proxies, so the client is the one that closes them', { timeout: 30_000 }, async () => {
    const { connect } = await import('node:net');
    const server = createHttpServer(createMeetupYoga(source));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    let isClosed = false;
    const closed = new Promise<string>((done) => socket.once('close', () => ((isClosed = true), done('closed'))));
    const body = JSON.stringify({ query: '{ stats { events } }' });
    const ask = async () => {
      const before = received.length;
      socket.write(`POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      const answered = (async () => {
        while (!isClosed && !/"events"/.test(received.slice(before))) await new Promise((r) => setTimeout(r, 20));
        return /"events"/.test(received.slice(before)) ? 'answered' : 'closed';
      })();
      return Promise.race([answered, closed]);
    };
    try {
      expect(await ask()).toBe('answered');
      // Longer than Node's default of 5 s, which closed such a connection under a client about to reuse it.
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await ask()).toBe('answered');
    } finally {
      socket.destroy();
      await new Promise((done) => server.close(done));
    }
  });
});
