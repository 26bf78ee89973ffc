import { describe, expect, it } from 'vitest';
import { apiError, apiErrorStatus } from '../src/model/api-errors.js';
import { buildGraph } from '../src/graph/graph-builder.js';
import { execute, yogaFor } from './helpers/graphql.js';

describe('the API error catalogue', () => {
  it('gives every error its code first, its details beside it, and the status it ends a request with', () => {
    expect(apiError('BODY_TOO_LARGE', { maxBodyBytes: 1000 })).toEqual({
      message: 'The request body is larger than 1000 bytes',
      extensions: { code: 'BODY_TOO_LARGE', maxBodyBytes: 1000 },
    });
    expect(apiError('BAD_USER_INPUT', { problem: 'size-above-limit', argument: 'first', value: 101, max: 100 }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      max: 100,
    });
    const codes = ['NOT_READY', 'BODY_TOO_LARGE', 'LENGTH_REQUIRED', 'PERSISTED_QUERY_NOT_FOUND', 'NO_SUCH_EVENT', 'METHOD_NOT_ALLOWED', 'INTERNAL_ERROR'] as const;
    expect(codes.map(apiErrorStatus)).toEqual([503, 413, 411, 404, 404, 405, 500]);
  });

  it('is what the schema answers with for a bad page size and a cursor it never issued', async () => {
    const yoga = yogaFor(buildGraph([]));
    const tooMany = await execute(yoga, '{ events(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]).toMatchObject(apiError('BAD_USER_INPUT', { problem: 'size-above-limit', argument: 'first', value: 101, max: 100 }));
    const foreign = await execute(yoga, '{ events(after: "bm9wZQ") { totalCount } }');
    expect(foreign.errors?.[0]).toMatchObject(apiError('BAD_USER_INPUT', { problem: 'foreign-cursor', cursor: 'bm9wZQ' }));
  });
});

describe('operations the API does not have', () => {
  it('refuses a mutation at validation, as a client error with a code, not as an internal one', async () => {
    const yoga = yogaFor(buildGraph([]));
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: 'mutation { anything }' }),
      });
      expect(response.status).toBe(accept === 'application/json' ? 200 : 400);
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.message).toMatch(/no mutation operations/);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

describe('search texts', () => {
  it('are refused before any matching when longer than a search box or with a word longer than any word, naming the limit', async () => {
    const { loadContent } = await import('../src/store/load-content.js');
    const { fileURLToPath } = await import('node:url');
    const { graph } = await loadContent(fileURLToPath(new URL('../content', import.meta.url)));
    const yoga = yogaFor(graph);
    const word = 'a'.repeat(60_000);
    const searched = await execute(yoga, 'query($q: String!) { search(query: $q) { totalCount } }', { q: word });
    expect(searched.errors?.[0]).toMatchObject(apiError('BAD_USER_INPUT', { problem: 'search-too-long', argument: 'query', length: 60_000, max: 200 }));
    const wordy = await execute(yoga, 'query($q: String!) { search(query: $q) { totalCount } }', { q: `mesh ${'b'.repeat(51)}` });
    expect(wordy.errors?.[0]).toMatchObject(apiError('BAD_USER_INPUT', { problem: 'search-word-too-long', argument: 'query', length: 51, max: 50 }));
    const filtered = await execute(yoga, 'query($t: String!) { events(filter: { text: $t }) { totalCount } talks(filter: { text: "ok" }) { totalCount } }', { t: word });
    expect(filtered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.text', max: 200 });
    const talks = await execute(yoga, 'query($t: String!) { talks(filter: { text: $t }) { totalCount } }', { t: word.slice(0, 120) });
    expect(talks.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.text', max: 50 });
    const fine = await execute(yoga, '{ search(query: "注册中心 mesh") { totalCount } }');
    expect(fine.errors).toBeUndefined();
    expect((fine.data as { search: { totalCount: number } }).search.totalCount).toBeGreaterThan(0);
  });
});
