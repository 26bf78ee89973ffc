import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { useJit } from '../src/server/use-jit.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { loadContent } from '../src/store/load-content.js';
import { busySpeakerPages } from './helpers/busy-speakers.js';
import { tempContent } from './helpers/temp-content.js';

const content = await tempContent(busySpeakerPages(4, 2, 3));
const { graph } = await loadContent(content.dir);
afterAll(() => content.cleanup());

async function post(fetchLike: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> }, body: unknown): Promise<string> {
  const response = await fetchLike.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.text();
}

const tick = () => new Promise((done) => setImmediate(done));

describe('graphql-jit compiled off the request path', () => {
  /** A Yoga with useJit, counting compilations. */
  function countingYoga() {
    const compiled: (string | null)[] = [];
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { hello(name: String!): String! boom: String }',
        resolvers: {
          Query: {
            hello: (_: unknown, { name }: { name: string }) => `hello ${name}`,
            boom: () => {
              throw new GraphQLError('boom');
            },
          },
        },
      }),
      plugins: [useJit((_, operationName) => compiled.push(operationName))],
    });
    return { yoga, compiled };
  }

  it('answers the first execution of a document uncompiled, compiles it after, and answers the same', async () => {
    const { yoga, compiled } = countingYoga();
    const query = 'query Hello($name: String!) { hello(name: $name) }';
    const first = await post(yoga, { query, variables: { name: 'a' } });
    expect(compiled).toEqual([]);
    await tick();
    expect(compiled).toEqual([null]);
    const later = [await post(yoga, { query, variables: { name: 'a' } }), await post(yoga, { query, variables: { name: 'b' } })];
    expect(compiled).toHaveLength(1);
    expect([first, ...later]).toEqual(['{"data":{"hello":"hello a"}}', '{"data":{"hello":"hello a"}}', '{"data":{"hello":"hello b"}}']);
  });

  it("answers a first execution with errors as graphql-jit does (its errors are written differently from graphql-js's)", async () => {
    const { yoga, compiled } = countingYoga();
    for (const body of [{ query: 'query Hello($name: String!) { hello(name: $name) }' }, { query: '{ boom hello(name: "x") }' }]) {
      const first = await post(yoga, body);
      const second = await post(yoga, body);
      expect(second).toBe(first);
    }
    expect(compiled).toHaveLength(2);
  });

  it('compiles each operation of a document of several', async () => {
    const { yoga, compiled } = countingYoga();
    const query = 'query A { hello(name: "a") } query B { hello(name: "b") }';
    const answers = [];
    for (const operationName of ['A', 'B']) {
      answers.push(await post(yoga, { query, operationName }));
      await tick();
    }
    for (const operationName of ['A', 'B']) answers.push(await post(yoga, { query, operationName }));
    expect(compiled).toEqual(['A', 'B']);
    expect(answers).toEqual(['{"data":{"hello":"hello a"}}', '{"data":{"hello":"hello b"}}', '{"data":{"hello":"hello a"}}', '{"data":{"hello":"hello b"}}']);
  });

  it('answers each operation of a document of several with its own result, whichever ran first', async () => {
    const yoga = createMeetupYoga({ current: () => graph });
    const query = 'query A { __typename } query B { events(first: 1) { totalCount } }';
    const answers = [];
    for (const operationName of ['A', 'B', 'A', 'B', 'B']) {
      answers.push(JSON.parse(await post(yoga, { query, operationName })) as { data: object });
      await tick();
    }
    expect(answers.map((a) => Object.keys(a.data))).toEqual([['__typename'], ['events'], ['__typename'], ['events'], ['events']]);
  });
});
