import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContent } from './generate.js';
import { loadContent } from '../src/store/load-content.js';
import { prepareSearchIndex } from '../src/search/search-index.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { heap, pick } from './measure.js';

/**
 * Uncached search through GraphQL in process (`yoga.fetch`, no socket, no response cache), on
 * generated pages: what one `search(first: 10)` costs with its snippets and nodes, per query,
 * after the index was built off the request path as the service does (`prepareSearchIndex`).
 * The first search of each query is reported apart from the p50/p99 of the rest.
 * `node --expose-gc --import tsx bench/search-graphql.ts [pages]` (default 10,000). Before/after
 * across commits: run the same file in a checkout of the older commit.
 */
const QUERIES = ['网关', '注册中心', 'Service Mesh', 'mesh', '灰度 发布'];
const ROUNDS = 200;
const pages = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'bench-search-gql-'));
try {
  await generateContent(dir, pages);
  const { graph } = await loadContent(dir);
  const heapBefore = heap();
  let at = performance.now();
  await prepareSearchIndex(graph);
  console.log(`${pages} pages: index ready after ${Math.round(performance.now() - at)} ms; heap and array buffers +${((heap() - heapBefore) / 1e6).toFixed(0)} MB`);
  const yoga = createMeetupYoga({ current: () => graph });
  const run = async (query: string) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: `query($q: String!) { search(query: $q, first: 10) { totalCount edges { node { score field snippet node { __typename ... on Talk { title } ... on Event { title } ... on Speaker { name } } } } } }`,
        variables: { q: query },
      }),
    });
    const body = (await response.json()) as { data?: { search: { totalCount: number } }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.search.totalCount;
  };
  const all: number[] = [];
  for (const query of QUERIES) {
    at = performance.now();
    const total = await run(query);
    const firstMs = performance.now() - at;
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      at = performance.now();
      await run(query);
      times.push(performance.now() - at);
    }
    all.push(...times);
    times.sort((a, b) => a - b);
    console.log(`search "${query}" first: 10 (${total} hits): first ${firstMs.toFixed(1)} ms; p50 ${pick(times, 0.5)} ms, p99 ${pick(times, 0.99)} ms`);
  }
  all.sort((a, b) => a - b);
  console.log(`all queries: p50 ${pick(all, 0.5)} ms, p99 ${pick(all, 0.99)} ms; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

