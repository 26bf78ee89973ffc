import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/bin/config.js';
import { createHttpServer } from '../src/server/http-server.js';
import { jsonSize } from '../src/server/json-size.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createMeetupYoga, type MeetupYoga } from '../src/server/yoga.js';
import { loadContent } from '../src/store/load-content.js';
import { busySpeakerPages, eventIds, NODES_ATTACK } from './helpers/busy-speakers.js';
import { tempContent } from './helpers/temp-content.js';

// 60 meetups of 3 talks, given in turn by 9 people: each person gives 20 talks.
const busy = await tempContent(busySpeakerPages(60, 3, 9));
const { graph } = await loadContent(busy.dir);
afterAll(() => busy.cleanup());

/** What an answer is, as JSON, beside its status and headers. */
interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** POSTs `body` to `yoga` (or to a real server's URL) and reads the whole answer. */
async function post(target: MeetupYoga | string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify(body) };
  const response = typeof target === 'string' ? await fetch(target, init) : await target.fetch('http://localhost/graphql', init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const AGGREGATE = '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }';
const refusal = (spent: number, max: number) => ({
  errors: [
    {
      message:
        spent > 0
          ? `The answer, after ${spent} bytes of answers to the request's other operations, would be larger than ${max} bytes`
          : `The answer would be larger than ${max} bytes; ask for fewer items (first, ids) or fewer nested lists`,
      extensions: { code: 'RESPONSE_TOO_LARGE', spent, maxResponseBytes: max },
    },
  ],
  data: null,
});

describe('the size of a JSON answer', () => {
  it('is what JSON.stringify writes, in UTF-8 bytes, for any value it writes', () => {
    const values = fc.anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, stringUnit: 'binary' });
    fc.assert(
      fc.property(values, (value) => {
        const text = JSON.stringify(value) as string | undefined;
        expect(jsonSize(value, Infinity)).toBe(text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 2000 },
    );
    const tricky = { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: '"\\\n\u0001é中😀\ud800', e: NaN, f: -0, g: new Date(0), h: { toJSON: () => 'x' } };
    expect(jsonSize(tricky, Infinity)).toBe(Buffer.byteLength(JSON.stringify(tricky), 'utf8'));
  });

  it('is exact up to the limit and above it past the limit, without reading on', () => {
    const value = { list: Array.from({ length: 1000 }, (_, i) => ({ title: `第 ${i} 期` })) };
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    expect(jsonSize(value, size)).toBe(size);
    expect(jsonSize(value, size - 1)).toBeGreaterThan(size - 1);
    let read = 0;
    const counted = Array.from({ length: 100_000 }, () => ({ toJSON: () => ++read }));
    expect(jsonSize(counted, 1000)).toBeGreaterThan(1000);
    expect(read).toBeLessThan(1000);
  });
});

describe('the response size ceiling', () => {
  const cached = createHttpServer(createMeetupYoga({ current: () => graph }, { limits: { maxCost: 1e9 } }), { cache: new HttpResponseCache({ current: () => graph }) });
  const url = new Promise<string>((ok) => cached.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(cached.address() as AddressInfo).port}/graphql`)));
  afterAll(() => new Promise<void>((done) => cached.close(() => done())));

  it(
    'ends the 1,800-id nodes attack that a huge --max-cost lets through with RESPONSE_TOO_LARGE, over HTTP with the response cache, and leaves the cache and ETags to ordinary answers',
    async () => {
      const attack = await post(await url, { query: NODES_ATTACK, variables: { ids: eventIds(graph, 1800) } });
      expect(attack.status).toBe(200);
      expect(JSON.parse(attack.text)).toEqual(refusal(0, DEFAULT_LIMITS.maxResponseBytes));
      expect(attack.headers.get('etag')).toBeNull();

      const ordinary = await post(await url, { query: AGGREGATE });
      expect(ordinary.status).toBe(200);
      expect(JSON.parse(ordinary.text).errors).toBeUndefined();
      const etag = ordinary.headers.get('etag');
      expect(etag).toMatch(/^".+"$/);
      const again = await fetch(await url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'if-none-match': etag ?? '' },
        body: JSON.stringify({ query: AGGREGATE }),
      });
      expect(again.status).toBe(304);
    },
    120_000,
  );

  it('lets an answer of exactly the ceiling through and refuses one byte more, measured as Yoga writes it', async () => {
    const query = { query: AGGREGATE };
    const whole = await post(createMeetupYoga({ current: () => graph }), query);
    const size = Buffer.byteLength(whole.text, 'utf8');
    expect(size).toBeGreaterThan(10_000);
    const fits = await post(createMeetupYoga({ current: () => graph }, { limits: { maxResponseBytes: size } }), query);
    expect(fits.text).toBe(whole.text);
    const over = await post(createMeetupYoga({ current: () => graph }, { limits: { maxResponseBytes: size - 1 } }), query);
    expect(over.status).toBe(200);
    expect(JSON.parse(over.text)).toEqual(refusal(0, size - 1));
  });

  it('holds the operations of one batch to one ceiling, and gives the next request all of it again', async () => {
    const query = '{ events(first: 20) { edges { node { title talks { title } } } } }';
    const one = Buffer.byteLength((await post(createMeetupYoga({ current: () => graph }), { query })).text, 'utf8');
    const yoga = createMeetupYoga({ current: () => graph }, { limits: { maxResponseBytes: Math.floor(one * 1.5) } });
    const batch = await post(yoga, [{ query }, { query }]);
    const answers = JSON.parse(batch.text) as { data?: unknown; errors?: unknown }[];
    expect(answers).toHaveLength(2);
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.find((a) => a.errors !== undefined)).toEqual(refusal(one, Math.floor(one * 1.5)));
    expect(Buffer.byteLength(batch.text, 'utf8')).toBeLessThan(one * 1.5);
    expect(JSON.parse((await post(yoga, { query })).text).errors).toBeUndefined();
  });

  it('is set by --max-response-bytes, 4 MiB by default', () => {
    expect(DEFAULT_LIMITS.maxResponseBytes).toBe(4 * 1024 * 1024);
    expect(readConfig([], {}).limits.maxResponseBytes).toBe(DEFAULT_LIMITS.maxResponseBytes);
    expect(readConfig(['--max-response-bytes', '1000'], {}).limits.maxResponseBytes).toBe(1000);
    expect(() => readConfig(['--max-response-bytes', '4 MB'], {})).toThrow(/--max-response-bytes must be a positive whole number/);
  });
});
