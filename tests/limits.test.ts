import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { createHttpServer } from '../src/server/http-server.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';
import { createMeetupYoga, type MeetupYoga } from '../src/server/yoga.js';
import { execute } from './helpers/graphql.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
const yoga = createMeetupYoga({ current: () => graph });

/** The first error's code and message, or 'ok'. */
async function outcome(target: MeetupYoga, query: string, variables?: Record<string, unknown>): Promise<string> {
  const result = await execute(target, query, variables);
  const error = result.errors?.[0];
  return error ? `${String(error.extensions?.code ?? '')} ${error.message}` : 'ok';
}

/** `{ a0: events(first: 1) { totalCount } a1: … }` */
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: events(first: 1) { totalCount }`).join(' ')} }`;

describe('request limits, with their defaults', () => {
  it('lets the heaviest README query and GraphiQL’s introspection through', async () => {
    const aggregate = '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }';
    expect(await outcome(yoga, aggregate)).toBe('ok');
    const { getIntrospectionQuery } = await import('graphql');
    expect(await outcome(yoga, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBe('ok');
  });

  it('refuses selections nested deeper than maxDepth', async () => {
    // talks → speakers → talks → speakers … is a legal path that never ends.
    let nested = 'name';
    for (let i = 0; i < 8; i++) nested = `talks { speakers { ${nested} } }`;
    expect(await outcome(yoga, `{ speakers(first: 1) { edges { node { ${nested} } } } }`)).toMatch(/depth limit of 12/i);
  });

  it('refuses more aliases than maxAliases', async () => {
    expect(await outcome(yoga, aliases(DEFAULT_LIMITS.maxAliases))).toBe('ok');
    expect(await outcome(yoga, aliases(DEFAULT_LIMITS.maxAliases + 1))).toMatch(/aliases limit of 30/i);
  });

  it('refuses more directives than maxDirectives', async () => {
    const directives = Array.from({ length: DEFAULT_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    expect(await outcome(yoga, `{ __typename ${directives} }`)).toMatch(/directives limit of 20/i);
  });

  it('refuses documents of more than maxTokens tokens before parsing them whole', async () => {
    const long = `{ ${Array.from({ length: DEFAULT_LIMITS.maxTokens }, () => '__typename').join(' ')} }`;
    expect(await outcome(yoga, long)).toMatch(/token limit of 2000/i);
  });

  it('prices lists by their first argument, so the same shape passes small and is refused large', async () => {
    const shape = 'query($n: Int) { events(first: $n) { edges { node { talks { speakers { talks { speakers { talks { title } } } } } } } } }';
    expect(await outcome(yoga, shape, { n: 2 })).toBe('ok');
    const refused = await outcome(yoga, shape, { n: 100 });
    expect(refused).toMatch(/^COST_LIMIT_EXCEEDED Query cost \d+ is above the limit of 50000/);
  });

  it('takes its limits from options', async () => {
    const strict = createMeetupYoga({ current: () => graph }, { limits: { maxAliases: 2, maxCost: 10 } });
    expect(await outcome(strict, aliases(3))).toMatch(/aliases limit of 2/i);
    expect(await outcome(strict, '{ events(first: 20) { edges { node { title } } } }')).toMatch(/COST_LIMIT_EXCEEDED/);
    expect(await outcome(strict, '{ events(first: 2) { edges { node { title } } } }')).toBe('ok');
  });

  it('counts the operations of one batch against one cost budget', async () => {
    const strict = createMeetupYoga({ current: () => graph }, { limits: { maxCost: 100 } });
    const query = '{ events(first: 20) { edges { node { title } } } }'; // 20 × (connection, edge, node) = 60
    const response = await strict.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query }, { query }]),
    });
    const [first, second] = (await response.json()) as { data?: unknown; errors?: { message: string }[] }[];
    expect(first?.errors).toBeUndefined();
    expect(second?.errors?.[0]?.message).toMatch(/Query cost 60 on top of 60 for the request's other operations is above the limit of 100/);
    // A later request starts with the whole budget again.
    expect(await outcome(strict, query)).toBe('ok');
  });

  it('answers batched operations up to maxBatch and refuses longer batches', async () => {
    const batch = (n: number) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
      });
    const ok = await batch(DEFAULT_LIMITS.maxBatch);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveLength(DEFAULT_LIMITS.maxBatch);
    const refused = await batch(DEFAULT_LIMITS.maxBatch + 1);
    expect(JSON.stringify(await refused.json())).toMatch(/Batching is limited to 10 operations per request/);
  });
});

describe('request body size', () => {
  const server = createHttpServer(yoga, { maxBodyBytes: 1000 });
  const listening = new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  /** POSTs `body`, declared by length or sent chunked. */
  async function post(body: string, chunked: boolean): Promise<{ status: number; text: string }> {
    const port = await listening;
    return new Promise((done, fail) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
      const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', fail);
      if (chunked) for (let i = 0; i < body.length; i += 100) req.write(body.slice(i, i + 100));
      else req.write(body);
      req.end();
    });
  }

  it('answers bodies within the limit and refuses larger ones with 413, declared or chunked', async () => {
    const small = JSON.stringify({ query: '{ __typename }' });
    expect((await post(small, false)).status).toBe(200);
    expect((await post(small, true)).status).toBe(200);
    const large = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(2000) } });
    for (const chunked of [false, true]) {
      const refused = await post(large, chunked);
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('BODY_TOO_LARGE');
    }
  });
});
