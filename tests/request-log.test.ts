import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/model/graph.js';
import type { Log } from '../src/model/log.js';
import type { GraphSource } from '../src/model/source.js';
import { loadContent } from '../src/store/load-content.js';
import { createHttpServer } from '../src/server/http-server.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * Issue 12, row J: every request has an id, sent back as `x-request-id`; refusals are logged with
 * their code; internal errors are logged with the id and their stack, while the answer holds the
 * masked message and the same id. Requests go over real HTTP (with and without the response
 * cache in front of Yoga), into a Log that keeps its lines.
 */
interface Line {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function memoryLog(): { log: Log; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (fields: object, message: string) => lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

const content = await tempContent({ 'zh/one/index.md': '---\ntitle: 一场活动\ndate: 2021-07-24\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n' });
const { graph } = await loadContent(content.dir);
afterAll(content.cleanup);

const SECRET = 'the index at /srv/meetups/.secret is unreadable';
/** The graph, except that reading its diagnostics fails: only the `diagnostics` resolver touches them. */
// One event whose body cannot be read: only the body's resolver trips on it (the context and
// the cost estimate, which read the graph before execution, do not).
const [firstId, firstEvent] = [...graph.events][0] as [string, Graph['events'] extends ReadonlyMap<string, infer E> ? E : never];
const failingEvent = Object.create(firstEvent, { body: { get: () => { throw new Error(SECRET); } } }) as typeof firstEvent;
const failingBody: Graph = Object.create(graph, { events: { value: new Map([...graph.events, [firstId, failingEvent]]) } }) as Graph;

const servers: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(servers.map((close) => close())));

/** A production service over `source` on a real port; `cache` puts the response cache in front. */
async function serve(source: GraphSource, { cache = false, maxBodyBytes = 1_000_000 } = {}): Promise<{ base: string; lines: Line[] }> {
  const { log, lines } = memoryLog();
  const yoga = createMeetupYoga(source, { production: true, log });
  const server = createHttpServer(yoga, { cache: cache ? new HttpResponseCache(source) : null, log, maxBodyBytes });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push(() => new Promise<void>((done) => server.close(() => done())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines };
}

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = (base: string, parameters: string, headers: Record<string, string> = {}) => fetch(`${base}/graphql?${parameters}`, { headers: { 'x-graphql-yoga-csrf': '1', ...headers } });

function linesOf(lines: Line[], requestId: string | null): Line[] {
  return lines.filter((l) => l.fields.requestId === requestId);
}

/** The stack a log line holds for `err`. */
function stackOf(line: Line | undefined): string {
  const err = line?.fields.err;
  return err instanceof Error ? (err.stack ?? '') : '';
}

describe('internal errors', () => {
  it('a resolver that throws: logged at error with the request id and the stack; the answer holds the masked message and the same id', async () => {
    const { base, lines } = await serve({ current: () => failingBody });
    const response = await post(base, { query: `query Problems { event(slug: "${firstEvent.slug}") { body } }`, operationName: 'Problems' });
    const text = await response.text();
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).not.toMatch(/secret|\/srv|stack/i);
    // body is non-null: its error nulls the event, which may be null.
    expect(JSON.parse(text)).toEqual({
      data: { event: null },
      errors: [expect.objectContaining({ message: 'Unexpected error.', path: ['event', 'body'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } })],
    });

    const mine = linesOf(lines, requestId);
    const error = mine.find((l) => l.level === 'error');
    expect(error?.message).toMatch(SECRET);
    expect(error?.fields.path).toBe('event.body');
    expect(stackOf(error)).toMatch(/^Error: the index at \/srv\/meetups\/\.secret is unreadable\n\s+at /);
    const request = mine.find((l) => l.fields.method === 'POST');
    expect(request).toMatchObject({ level: 'info', message: 'POST /graphql 200', fields: { path: '/graphql', status: 200, operationName: 'Problems', errors: [{ code: 'INTERNAL_SERVER_ERROR' }] } });
    expect(typeof request?.fields.ms).toBe('number');
  });

  it('a source that fails before any resolver runs: 500, logged the same way', async () => {
    const { base, lines } = await serve({ current: () => { throw new Error(SECRET); } });
    const response = await post(base, { query: '{ events { totalCount } }' });
    const requestId = response.headers.get('x-request-id');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    const error = linesOf(lines, requestId).find((l) => l.level === 'error');
    expect(stackOf(error)).toMatch(SECRET);
  });

  it('the calendar route: answered "internal error" in plain text, the stack only in the log', async () => {
    const { base, lines } = await serve({ current: () => { throw new Error(SECRET); } });
    const response = await fetch(`${base}/calendar.ics`, { headers: { 'x-request-id': 'calendar-1' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('calendar-1');
    expect(response.headers.get('x-error-code')).toBe('INTERNAL_ERROR');
    expect(await response.text()).toBe('internal error\n');
    const mine = linesOf(lines, 'calendar-1');
    expect(stackOf(mine.find((l) => l.level === 'error'))).toMatch(SECRET);
    expect(mine.find((l) => l.fields.path === '/calendar.ics' && l.fields.status === 500)?.fields.errors).toEqual([{ code: 'INTERNAL_ERROR' }]);
  });
});

describe('refused requests are logged at info with their code', () => {
  const source = { current: () => graph };

  it('a GET whose variables are not JSON: 400 MALFORMED_PARAMETER', async () => {
    const { base, lines } = await serve(source);
    const response = await get(base, `query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope`);
    expect(response.status).toBe(400);
    const [line] = linesOf(lines, response.headers.get('x-request-id'));
    expect(line).toMatchObject({ level: 'info', message: 'GET /graphql 400', fields: { status: 400, errors: [{ code: 'MALFORMED_PARAMETER' }] } });
  });

  it('variables nested 60,000 deep and a 60,000-letter search word: 400 BAD_USER_INPUT', async () => {
    const { base, lines } = await serve(source);
    const deep = `${'{"a":'.repeat(60_000)}1${'}'.repeat(60_000)}`;
    const nested = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"{ __typename }","variables":{"v":${deep}}}` });
    const word = await post(base, { query: 'query($q: String!) { search(query: $q) { totalCount } }', variables: { q: 'a'.repeat(60_000) } });
    for (const response of [nested, word]) {
      await response.text();
      const [line] = linesOf(lines, response.headers.get('x-request-id'));
      expect(line?.level).toBe('info');
      expect(line?.fields.errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT' })]);
    }
  }, 30_000);

  it('a body above the limit, refused by the HTTP layer before Yoga: 413 BODY_TOO_LARGE', async () => {
    const { base, lines } = await serve(source, { maxBodyBytes: 4096 });
    const response = await post(base, { query: `{ __typename } # ${'x'.repeat(5000)}` });
    expect(response.status).toBe(413);
    const [line] = linesOf(lines, response.headers.get('x-request-id'));
    expect(line).toMatchObject({ level: 'info', fields: { status: 413, errors: [{ code: 'BODY_TOO_LARGE' }] } });
  });
});

describe('request ids', () => {
  const source = { current: () => graph };

  it("keeps a caller's short safe x-request-id, and replaces any other with a fresh one", async () => {
    const { base, lines } = await serve(source);
    const query = { query: '{ __typename }' };
    expect((await post(base, query, { 'x-request-id': 'lb-7f3a.42:1' })).headers.get('x-request-id')).toBe('lb-7f3a.42:1');
    for (const unsafe of ['a'.repeat(65), 'two words', '<script>', '"quoted"']) {
      const id = (await post(base, query, { 'x-request-id': unsafe })).headers.get('x-request-id');
      expect(id).not.toBe(unsafe);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const [a, b] = await Promise.all([post(base, query), post(base, query)]);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    // A clean answer's line is at debug, with what happened.
    const [line] = linesOf(lines, 'lb-7f3a.42:1');
    expect(line).toMatchObject({ level: 'debug', message: 'POST /graphql 200', fields: { method: 'POST', path: '/graphql', status: 200 } });
  });

  it("a response cache hit's line is not built when the log says debug is off; refusals are still logged", async () => {
    const { log, lines } = memoryLog();
    const quiet: Log = { ...log, isLevelEnabled: (level) => level !== 'debug' };
    const server = createHttpServer(createMeetupYoga(source, { production: true, log: quiet }), { cache: new HttpResponseCache(source), log: quiet });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(() => new Promise<void>((done) => server.close(() => done())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const query = { query: '{ events { totalCount } }' };
    await post(base, query, { 'x-request-id': 'fills' });
    expect((await post(base, query, { 'x-request-id': 'hits' })).status).toBe(200);
    await post(base, { query: '{ nope }' }, { 'x-request-id': 'refused' });
    expect(linesOf(lines, 'hits')).toEqual([]);
    expect(linesOf(lines, 'refused')).toEqual([expect.objectContaining({ level: 'info' })]);
  });

  it('an answer from the response cache carries its own request id, not the one of the request that filled it', async () => {
    const { base, lines } = await serve(source, { cache: true });
    const query = { query: '{ events { totalCount } }' };
    const first = await post(base, query, { 'x-request-id': 'first' });
    const second = await post(base, query, { 'x-request-id': 'second' });
    const third = await post(base, query);
    expect(await second.text()).toBe(await first.text());
    expect([first, second].map((r) => r.headers.get('x-request-id'))).toEqual(['first', 'second']);
    expect(third.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(lines, 'second')).toEqual([expect.objectContaining({ level: 'debug', fields: expect.objectContaining({ status: 200, cache: 'hit' }) })]);
  });
});
