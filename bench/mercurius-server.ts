/**
 * The bench's peer: our Pothos schema and resolvers, with the context the service builds, served
 * by Mercurius on Fastify with graphql-jit (`jit: 1`: a document is compiled after its first
 * request). Same flags as the service for the content (`--content DIR`, `--utc-offset`, …); it
 * loads the folder, builds the search index at once, listens on a free loopback port and prints
 * one JSON line `{ "listening": <graphql url>, "events": N }` on stdout. The bench starts it as a
 * child process (bench/peer.ts) so it has its own event loop and memory, as the service has.
 *
 * What differs from the service is only what serves the schema: Fastify and Mercurius instead of
 * node:http, Yoga and its plugins (limits, cost, logging, response cache). The graph is read the
 * way the service reads it (ContentStore, the same extract options), without the parse cache: the
 * cache is keyed by the code that parsed, so the service's entries would not match this process's.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { readConfig } from '../src/bin/config.js';
import { readVocabularyFile } from '../src/bin/vocabulary-file.js';
import { silentLog } from '../src/model/log.js';
import { createContext } from '../src/schema/context.js';
import { schema } from '../src/schema/index.js';
import { buildSearchIndex } from '../src/search/search-index.js';
import { ContentStore } from '../src/store/content-store.js';

const config = readConfig([...process.argv.slice(2), '--no-parse-cache', '--no-watch'], process.env);
const vocabulary = config.vocabularyFile ? await readVocabularyFile(config.vocabularyFile) : undefined;
const store = await ContentStore.open(
  config.contentDir,
  { vocabulary, defaultOffset: config.utcOffset, timezone: config.timezone },
  { parseCacheDir: null, log: silentLog },
);
const graph = store.current();
// Ready means indexed, as the service's /readyz: the first search must not build it.
buildSearchIndex(graph);

const app = Fastify({ logger: false });
await app.register(mercurius, {
  schema,
  jit: 1,
  graphiql: false,
  // A fresh context per request, as Yoga's context factory makes (fresh DataLoaders, `now`).
  context: () => createContext(graph),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}/graphql`, events: graph.events.size })}\n`);

// The bench stops it with SIGTERM after its runs; nothing is left to save.
process.once('SIGTERM', () => process.exit(0));
