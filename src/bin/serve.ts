import type { Server } from 'node:http';
import { ContentStore } from '../store/content-store.js';
import { ConfigError, readConfig, type ServeConfig } from './config.js';
import { readVocabularyFile, VocabularyFileError } from './vocabulary-file.js';
import { formatDiagnostic } from '../model/diagnostics.js';
import { HttpResponseCache } from '../server/response-cache.js';
import { LateSource } from '../store/late-source.js';
import { schema } from '../schema/index.js';
import { PersistedOperationsError, readPersistedOperations } from '../server/persisted-operations.js';
import { createHttpServer } from '../server/http-server.js';
import { createMeetupYoga, servesGraphiQL, type MeetupYogaOptions } from '../server/yoga.js';

/**
 * `npm start -- --content DIR --port N …`: listen at once (so /healthz answers and /readyz says
 * "loading"), load the content folder, then serve it.
 */
async function main(): Promise<number | null> {
  const config = readConfig(process.argv.slice(2), process.env);
  const started = performance.now();
  // Configuration files are read before listening: a mistake there should stop the start.
  const vocabulary = config.vocabularyFile ? await readVocabularyFile(config.vocabularyFile) : undefined;
  const persisted = config.persisted ? await readPersistedOperations(config.persisted, schema) : null;
  const source = new LateSource();
  let draining = false;
  const yogaOptions: MeetupYogaOptions = {
    production: config.production,
    graphiql: config.graphiql ?? undefined,
    introspection: config.introspection ?? undefined,
    corsOrigins: config.corsOrigins,
    persisted,
    onlyPersisted: config.onlyPersisted,
    limits: config.limits,
    // Draining is "not ready": a load balancer that checks /readyz over kept-alive connections
    // stops sending, while requests that still arrive are answered.
    health: { loaded: () => source.ready, draining: () => draining },
  };
  const yoga = createMeetupYoga(source, yogaOptions);
  const server = createHttpServer(yoga, {
    cache: config.cache ? new HttpResponseCache(source) : null,
    maxBodyBytes: config.limits.maxBodyBytes,
  });
  const url = await listen(server, config);
  console.log(`listening at ${url}; /healthz answers, /readyz waits for the content`);
  let store: ContentStore | null = null;
  const stop = (signal: NodeJS.Signals) => {
    // A repeated SIGTERM (supervisors resend) must not cut the drain short; a second Ctrl-C
    // is someone who does not want to wait.
    if (draining) {
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    draining = true;
    console.log(`${signal}: finishing requests in flight, then exiting`);
    // Closing the store saves the parse cache: exiting before it finishes would lose reloads' parses.
    const closing = Promise.all([store?.close(), drain(server, config.shutdownGraceMs)]);
    const giveUp = new Promise((done) => setTimeout(done, config.shutdownGraceMs).unref());
    void Promise.race([closing, giveUp]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  store = await ContentStore.open(config.contentDir, { vocabulary, defaultOffset: config.utcOffset, timezone: config.timezone }, { parseCacheDir: config.parseCacheDir });
  const graph = store.current();
  const ms = Math.round(performance.now() - started);
  console.log(
    `loaded ${graph.events.size} of ${store.pageCount} pages from ${config.contentDir} in ${ms} ms` +
      `${store.cachedPageCount ? ` (${store.cachedPageCount} from the parse cache)` : ''}: ` +
      `${graph.talks.size} talks, ${graph.speakers.size} speakers, ${graph.projects.size} projects`,
  );
  for (const d of graph.diagnostics) console.warn(formatDiagnostic(d));
  if (config.strict && graph.diagnostics.length > 0) {
    console.error(`--strict: ${graph.diagnostics.length} content problem(s); not serving`);
    await Promise.all([store.close(), new Promise((done) => server.close(done))]);
    return 1;
  }
  if (config.watch) {
    await store.watch();
    store.onChange((change) => {
      const problems = change.diagnostics.length ? `; ${change.diagnostics.length} content problem(s)` : '';
      console.log(`reloaded: ${change.changed.length} changed, ${change.removed.length} removed${problems}`);
    });
  }
  if (persisted) console.log(`${persisted.size} persisted operation(s)${config.onlyPersisted ? '; no other operation is accepted' : ''}`);
  source.resolve(store);
  console.log(servesGraphiQL(yogaOptions) ? `GraphiQL and GraphQL at ${url}` : `GraphQL at ${url} (GraphiQL off; --graphiql turns it on)`);
  return null;
}

/** Listens and returns the GraphQL URL. */
async function listen(server: Server, config: ServeConfig): Promise<string> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, ok);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}/graphql`;
}

/**
 * Stops accepting connections, lets requests in flight finish, and closes idle keep-alive
 * connections at once. Streams that never end (subscriptions) are cut after `graceMs`.
 */
async function drain(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const timeout = new Promise<void>((done) => setTimeout(done, graceMs).unref());
  await Promise.race([closed, timeout]);
  clearInterval(idle);
  server.closeAllConnections();
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof VocabularyFileError || error instanceof PersistedOperationsError;
    console.error(expected ? error.message : error);
    // The server may already be listening (the content failed to load): exit, don't linger.
    process.exit(expected ? 2 : 1);
  },
);
