import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { schema } from '../src/schema/index.js';
import { createHttpServer } from '../src/server/http-server.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { operationHash, readPersistedOperations } from '../src/server/persisted-operations.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * Issue 12, row G: in production no error suggests a name the client did not write (fields,
 * arguments, enum values, input fields, types), whether validation or variable coercion made the
 * error, over POST, GET, batches and persisted operations. Development keeps the suggestions:
 * each case below is first shown to suggest there, so the production check can fail.
 */
const content = await tempContent({ 'zh/one/index.md': '---\ntitle: 一场活动\ndate: 2021-07-24\n---\n\n正文\n' });
const { graph } = await loadContent(content.dir);
const source = { current: () => graph };

const timingQuery = 'query Timing($t: EventTiming) { events(filter: { timing: $t }) { totalCount } }';
const persistedDir = await mkdtemp(join(tmpdir(), 'suggestions-persisted-'));
await writeFile(join(persistedDir, 'timing.graphql'), timingQuery);
const persisted = await readPersistedOperations(persistedDir, schema);

afterAll(async () => {
  await content.cleanup();
  await rm(persistedDir, { recursive: true, force: true });
});

/** A real HTTP server (response cache on, as `npm start` runs it) in either mode. */
async function serve(production: boolean): Promise<{ base: string; close: () => Promise<void> }> {
  const yoga = createMeetupYoga(source, { production, persisted });
  const server = createHttpServer(yoga, { cache: new HttpResponseCache(source) });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const servers = { production: await serve(true), development: await serve(false) };
afterAll(() => Promise.all([servers.production.close(), servers.development.close()]));

interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** What the error says in both modes. */
  readonly says: RegExp;
  /** The suggestion development adds. */
  readonly suggests: RegExp;
}

const cases: Case[] = [
  { name: 'a field typo', query: '{ evnts { totalCount } }', says: /Cannot query field "evnts" on type "Query"\./, suggests: /Did you mean "events"/ },
  { name: 'an argument typo', query: '{ events(firts: 2) { totalCount } }', says: /Unknown argument "firts" on field "Query\.events"\./, suggests: /Did you mean "first"/ },
  {
    name: 'an enum value typo',
    query: '{ events(filter: { timing: UPCOMIN }) { totalCount } }',
    says: /Value "UPCOMIN" does not exist in "EventTiming" enum\./,
    suggests: /Did you mean the enum value "UPCOMING"\?/,
  },
  { name: 'an input field typo', query: '{ talks(filter: { yeer: 2021 }) { totalCount } }', says: /Field "yeer" is not defined by type "TalkFilter"\./, suggests: /Did you mean "year"\?/ },
  { name: 'a type typo', query: 'query($f: EventFiltr) { events(filter: $f) { totalCount } }', says: /Unknown type "EventFiltr"\./, suggests: /Did you mean "EventFilter"/ },
  { name: 'a directive argument typo', query: '{ events { totalCount @skip(iff: true) } }', says: /Unknown argument "iff" on directive "@skip"\./, suggests: /Did you mean "if"\?/ },
  {
    name: 'a field of an interface',
    query: '{ node(id: "x") { title } }',
    says: /Cannot query field "title" on type "Node"\./,
    suggests: /Did you mean to use an inline fragment on "Event"/,
  },
  {
    name: 'an enum value typo in a variable',
    query: timingQuery,
    variables: { t: 'UPCOMIN' },
    says: /Variable "\$t" got invalid value "UPCOMIN"; Value "UPCOMIN" does not exist in "EventTiming" enum\./,
    suggests: /Did you mean the enum value "UPCOMING"\?/,
  },
  {
    name: 'an input field typo in a variable',
    query: 'query($f: TalkFilter) { talks(filter: $f) { totalCount } }',
    variables: { f: { yeer: 2021 } },
    says: /Field "yeer" is not defined by type "TalkFilter"\./,
    suggests: /Did you mean "year"\?/,
  },
];

type Answer = { errors?: { message: string }[] };

async function post(base: string, body: unknown): Promise<Answer | Answer[]> {
  const response = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as Answer | Answer[];
}

async function get(base: string, parameters: Record<string, string>): Promise<Answer> {
  // The CSRF header production asks of a GET.
  const response = await fetch(`${base}?${new URLSearchParams(parameters).toString()}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
  return (await response.json()) as Answer;
}

function messages(answer: Answer | Answer[]): string {
  return (Array.isArray(answer) ? answer : [answer]).flatMap((a) => a.errors ?? []).map((e) => e.message).join('\n');
}

describe('suggestions in error messages', () => {
  for (const c of cases) {
    it(`${c.name}: suggested in development, not in production (POST and GET)`, async () => {
      const request = { query: c.query, ...(c.variables ? { variables: c.variables } : {}) };
      const parameters = { query: c.query, ...(c.variables ? { variables: JSON.stringify(c.variables) } : {}) };
      const development = messages(await post(servers.development.base, request));
      expect(development).toMatch(c.says);
      expect(development).toMatch(c.suggests);
      expect(messages(await get(servers.development.base, parameters))).toMatch(c.suggests);
      for (const answer of [await post(servers.production.base, request), await get(servers.production.base, parameters)]) {
        const text = messages(answer);
        expect(text).toMatch(c.says);
        expect(text).not.toMatch(/Did you mean|Suggestion hidden/);
      }
    });
  }

  it('in a batch, every operation loses its suggestions', async () => {
    const batch = cases.map((c) => ({ query: c.query, variables: c.variables }));
    const development = await post(servers.development.base, batch);
    expect(Array.isArray(development) && development.every((a) => /Did you mean/.test(messages(a)))).toBe(true);
    const production = await post(servers.production.base, batch);
    expect(Array.isArray(production) && production.length).toBe(cases.length);
    expect(messages(production)).not.toMatch(/Did you mean/);
  });

  it('a persisted operation given a mistyped variable over GET says no more than the value is wrong', async () => {
    const parameters = { documentId: `sha256:${operationHash(timingQuery)}`, variables: JSON.stringify({ t: 'UPCOMIN' }) };
    expect(messages(await get(servers.development.base, parameters))).toMatch(/Did you mean the enum value "UPCOMING"\?/);
    const production = messages(await get(servers.production.base, parameters));
    expect(production).toMatch(/Value "UPCOMIN" does not exist in "EventTiming" enum\.$/);
    expect(production).not.toMatch(/Did you mean/);
  });
});
