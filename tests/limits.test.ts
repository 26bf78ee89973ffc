import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/model/graph.js';
import { longestList } from '../src/queries/longest-lists.js';
import { schema } from '../src/schema/index.js';
import { loadContent } from '../src/store/load-content.js';
import { createHttpServer } from '../src/server/http-server.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';
import { defaultQuery } from '../src/server/graphiql-query.js';
import { unsizedLists } from '../src/server/query-cost.js';
import { useQueryCost } from '../src/server/use-query-cost.js';
import { createMeetupYoga, type MeetupYoga } from '../src/server/yoga.js';
import { busySpeakerPages, eventIds, NODES_ATTACK } from './helpers/busy-speakers.js';
import { execute } from './helpers/graphql.js';
import { tempContent } from './helpers/temp-content.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
const yoga = createMeetupYoga({ current: () => graph });

/** The first error's code and message, or 'ok'. */
async function outcome(target: MeetupYoga, query: string, variables?: Record<string, unknown>): Promise<string> {
  const result = await execute(target, query, variables);
  const error = result.errors?.[0];
  return error ? `${String(error.extensions?.code ?? '')} ${error.message}` : 'ok';
}

/** The cost an operation is priced at: with a limit of 1, the refusal names it. */
async function costOf(target: MeetupYoga, query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const result = await execute(target, query, variables);
  expect(result.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  return result.errors?.[0]?.extensions?.cost;
}

/** Objects in a GraphQL answer's data, the data object itself not counted: what resolvers returned. */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + objectsIn(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((n: number, item) => n + objectsIn(item), 0);
}

/** `{ a0: events(first: 1) { totalCount } a1: … }` */
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: events(first: 1) { totalCount }`).join(' ')} }`;

/** The heaviest query of the README: 50 events → talks → speakers → all their talks → events. */
const AGGREGATE = '{ events(first: 50) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }';

/** Every GraphQL query of the README (its subscription is a stream that never ends). */
const readmeExamples = [...readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((m) => m[1] ?? '')
  .filter((query) => !query.startsWith('subscription'));

describe('request limits, with their defaults', () => {
  it('lets the heaviest README query and GraphiQL’s introspection through', async () => {
    expect(await outcome(yoga, AGGREGATE)).toBe('ok');
    const { getIntrospectionQuery } = await import('graphql');
    expect(await outcome(yoga, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBe('ok');
  });

  it('answers every example of the README and GraphiQL’s default query', async () => {
    expect(readmeExamples.length).toBeGreaterThanOrEqual(8);
    const variables = { speaker: encodeGlobalID('Speaker', graph.speakerOrder[0] ?? '') };
    for (const query of [...readmeExamples, defaultQuery]) expect(await outcome(yoga, query, variables), query).toBe('ok');
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
    const strict = createMeetupYoga({ current: () => graph }, { limits: { maxCost: 1000 } });
    const shape = 'query($n: Int) { events(first: $n) { edges { node { talks { speakers { talks { speakers { talks { title } } } } } } } } }';
    expect(await outcome(strict, shape, { n: 2 })).toBe('ok');
    const refused = await outcome(strict, shape, { n: 100 });
    expect(refused).toMatch(/^COST_LIMIT_EXCEEDED Query cost \d+ is above the limit of 1000/);
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

// 60 meetups of 3 talks, given in turn by 9 people: each person gives 20 talks.
const busy = await tempContent(busySpeakerPages(60, 3, 9));
const busyGraph = (await loadContent(busy.dir)).graph;
const busyYoga = createMeetupYoga({ current: () => busyGraph });
afterAll(() => busy.cleanup());

describe('the cost of lists without first', () => {

  it('counts every object an answer can hold: nodes(ids:) is its ids times its selection, lists are as long as the longest of their kind', async () => {
    expect((['eventTalks', 'talkSpeakers', 'speakerTalks'] as const).map((kind) => longestList(busyGraph, kind))).toEqual([3, 1, 20]);
    const variables = { ids: eventIds(busyGraph, 3) };
    const answer = await execute(busyYoga, NODES_ATTACK, variables);
    expect(answer.errors).toBeUndefined();
    // Every event, talk and speaker of these pages is as large as the largest, so the estimate is exact.
    const perId = 1 + 3 * (1 + 1 * (1 + 20 * (1 + 1)));
    expect(objectsIn(answer.data) - 1).toBe(3 * perId);
    const priced = createMeetupYoga({ current: () => busyGraph }, { limits: { maxCost: 1 } });
    expect(await costOf(priced, NODES_ATTACK, variables)).toBe(3 * perId);
    expect(await costOf(priced, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: eventIds(busyGraph, 7) })).toBe(7);
  });

  it('refuses the 1,800-id nodes attack by its cost (it was priced 3,905), and lets the README aggregate through on the same pages', async () => {
    const body = JSON.stringify({ query: NODES_ATTACK, variables: { ids: eventIds(busyGraph, 1800) } });
    expect(body.length).toBeLessThan(DEFAULT_LIMITS.maxBodyBytes);
    const response = await busyYoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'COST_LIMIT_EXCEEDED', cost: 1800 * 127, spent: 0, maxCost: DEFAULT_LIMITS.maxCost });
    expect(await outcome(busyYoga, AGGREGATE)).toBe('ok');
  });

  it('prices by the request’s own graph: a reload that makes a list longer raises the price of the same document', async () => {
    const longer = await tempContent(busySpeakerPages(120, 3, 9));
    try {
      const graphs: Graph[] = [busyGraph, (await loadContent(longer.dir)).graph];
      expect(graphs.map((g) => longestList(g, 'speakerTalks'))).toEqual([20, 40]);
      let current = busyGraph;
      const priced = createMeetupYoga({ current: () => current }, { limits: { maxCost: 1 } });
      // One connection (first: 1), its edge and node, then the speaker's talks.
      const query = '{ speakers(first: 1) { edges { node { talks { title } } } } }';
      expect(await costOf(priced, query)).toBe(3 + 20);
      current = graphs[1] ?? busyGraph;
      expect(await costOf(priced, query)).toBe(3 + 40);
      current = busyGraph;
      expect(await costOf(priced, query)).toBe(3 + 20);
    } finally {
      await longer.cleanup();
    }
  });

  it('will not start with a list field that declares no size', () => {
    expect(unsizedLists(schema)).toEqual([]);
    const Thing: GraphQLObjectType = new GraphQLObjectType({ name: 'Thing', fields: () => ({ name: { type: GraphQLString }, parts: { type: new GraphQLList(Thing) } }) });
    const bare = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { things: { type: new GraphQLList(Thing), args: { first: { type: GraphQLInt } } }, names: { type: new GraphQLList(GraphQLString) } } }),
    });
    expect(unsizedLists(bare)).toEqual(['Thing.parts']);
    expect(() => useQueryCost(bare, 100)).toThrow(/Thing\.parts/);
  });
});
