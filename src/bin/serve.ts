import type { Server } from 'node:http';
import { ContentStore } from '../store/content-store.js';
import { ConfigError, readConfig, type ServeConfig } from './config.js';
import { readVocabularyFile, VocabularyFileError } from './vocabulary-file.js';
import { formatDiagnostic } from '../model/diagnostics.js';
import type { Graph } from '../model/graph.js';
import type { Log } from '../model/log.js';
import { prepareSearchIndex, type StoredIndex } from '../search/search-index.js';
import { readStoredIndex, SEARCH_INDEX_FILE, writeStoredIndex } from './search-index-file.js';
import { stuckReadCount } from '../store/load-page.js';
import { createLogger } from './logger.js';
import { HttpResponseCache } from '../server/response-cache.js';
import { LateSource } from '../store/late-source.js';
import { schema } from '../schema/index.js';
import { PersistedOperationsError, readPersistedOperations } from '../server/persisted-operations.js';
import { createHttpServer } from '../server/http-server.js';
import { warmUp } from '../server/warm-up.js';
import { createMeetupYoga, servesGraphiQL, type MeetupYogaOptions } from '../server/yoga.js';

/** Until the configuration names a level (its own errors are logged at this one). */
let log: Log = createLogger('info');

/**
 * `npm start -- --content DIR --port N …`: listen at once (so /healthz answers and /readyz says
 * "loading"), load the content folder, then serve it. Everything it says is a JSON line on
 * stdout (bin/logger.ts).
 */
async function main(): Promise<number | null> {
  const config = readConfig(process.argv.slice(2), process.env);
  log = createLogger(config.logLevel);
  const started = performance.now();
  // Configuration files are read before listening: a mistake there should stop the start.
  const vocabulary = config.vocabularyFile ? await readVocabularyFile(config.vocabularyFile) : undefined;
  const persisted = config.persisted ? await readPersistedOperations(config.persisted, schema) : null;
  const source = new LateSource();
  let draining = false;
  let searchReady = false;
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
    // Until the first search index is built (seconds at 10,000 pages, in slices between requests)
    // answers are slower: /readyz says so, while GraphQL already answers.
    health: {
      loaded: () => source.ready,
      draining: () => draining,
      problem: () => source.problem() ?? (source.ready && !searchReady ? 'the search index is being built' : null),
    },
    log,
  };
  const yoga = createMeetupYoga(source, yogaOptions);
  const server = createHttpServer(yoga, {
    cache: config.cache ? new HttpResponseCache(source) : null,
    maxBodyBytes: config.limits.maxBodyBytes,
    fastPath: config.fastPath,
    log,
  });
  const url = await listen(server, config);
  log.info({ url }, `listening at ${url}; /healthz answers, /readyz waits for the content and its search index`);
  let store: ContentStore | null = null;
  /** The search index being written for the next start, if it is. */
  let keeping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    // A repeated SIGTERM (supervisors resend) must not cut the drain short; a second Ctrl-C
    // is someone who does not want to wait.
    if (draining) {
      if (signal === 'SIGINT') exit(130);
      return;
    }
    draining = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, `${signal}: finishing requests in flight, then exiting`);
    // Closing the store saves the parse cache: exiting before it finishes would lose reloads' parses.
    // So is the search index being written: a process cut short would leave its temporary file.
    const closing = Promise.all([store?.close(), keeping, drain(server, config.shutdownGraceMs)]).then(() => true);
    const giveUp = new Promise<boolean>((done) => setTimeout(() => done(false), config.shutdownGraceMs).unref());
    void Promise.race([closing, giveUp]).then((finished) => {
      if (!finished) log.warn({ graceMs: config.shutdownGraceMs }, `still busy after ${config.shutdownGraceMs} ms; exiting anyway`);
      exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  store = await ContentStore.open(config.contentDir, { vocabulary, defaultOffset: config.utcOffset, timezone: config.timezone }, { parseCacheDir: config.parseCacheDir, log, keepRecords: config.watch });
  const graph = store.current();
  const loaded = {
    folder: config.contentDir,
    pages: store.pageCount,
    events: graph.events.size,
    talks: graph.talks.size,
    speakers: graph.speakers.size,
    projects: graph.projects.size,
    fromParseCache: store.cachedPageCount,
    fromSnapshot: store.openedFromSnapshot,
    diagnostics: graph.diagnostics.length,
    ms: Math.round(performance.now() - started),
  };
  log.info(
    loaded,
    `content loaded: ${loaded.events} of ${loaded.pages} pages from ${loaded.folder} in ${loaded.ms} ms` +
      `${loaded.fromSnapshot ? ' (the graph kept by the last start)' : loaded.fromParseCache ? ` (${loaded.fromParseCache} from the parse cache)` : ''}: ` +
      `${loaded.talks} talks, ${loaded.speakers} speakers, ${loaded.projects} projects`,
  );
  for (const d of graph.diagnostics) log.warn({ ...d }, formatDiagnostic(d));
  if (config.strict && graph.diagnostics.length > 0) {
    log.error({ diagnostics: graph.diagnostics.length }, `--strict: ${graph.diagnostics.length} content problem(s); not serving`);
    await Promise.all([store.close(), new Promise((done) => server.close(done))]);
    return 1;
  }
  if (config.watch) {
    await store.watch();
    store.onChange((change) => {
      const problems = change.diagnostics.length ? `; ${change.diagnostics.length} content problem(s)` : '';
      log.info(
        { changed: change.changed.length, removed: change.removed.length, diagnostics: change.diagnostics.length },
        `reloaded: ${change.changed.length} changed, ${change.removed.length} removed${problems}`,
      );
      void prepareSearch(store?.current());
    });
  }
  if (persisted) log.info({ persisted: persisted.size, onlyPersisted: config.onlyPersisted }, `${persisted.size} persisted operation(s)${config.onlyPersisted ? '; no other operation is accepted' : ''}`);
  source.resolve(store);
  const served = store.current();
  // The search index of the last start is kept beside the parse cache: used when it was made from
  // exactly these documents, otherwise built and written for the next start once /readyz is ready.
  // Only for the graph of the pages the store opened with: a reload since then (under --watch)
  // makes another graph, the key names the first one's pages.
  const opening = store.openingFile(SEARCH_INDEX_FILE);
  const kept = opening && opening.graph === served.version ? opening : null;
  const stored = kept ? await readStoredIndex(kept.path, kept.key) : null;
  let restored = false;
  // The first requests run every stage's code for the first time: a warm-up of our own takes that
  // cost before /readyz says ready (server/warm-up.ts).
  // Under --only-persisted the warm-up's own documents would be refused: there is nothing to warm.
  // The index is written before /readyz says ready: written after, it competed with the first
  // client's requests (a first search of 28–34 ms at 10,000 pages against 10 ms), and a process
  // stopped soon after ready (a deploy, a benchmark) never finished writing it.
  void prepareSearch(served, stored, (used) => (restored = used))
    .then(() => (config.onlyPersisted ? undefined : warmUp(server, served)))
    .then(() => (keeping = kept && !restored && !draining ? keepSearchIndex(kept, served) : undefined))
    // The graph too, for the next start that does not follow edits (README, "Performance"); after
    // the search index, which needs the graph's maps first, and before ready for the same reasons.
    // A watching start neither reads nor writes it: writing 100 MB it will not read cost every
    // `npm start` on changed files about a second.
    .then(() => (draining || config.watch ? undefined : (keeping = Promise.all([keeping, keepSnapshot(store)]).then(() => undefined))))
    .then(() => (searchReady = true));
  const graphiql = servesGraphiQL(yogaOptions);
  log.info({ url, graphiql }, graphiql ? `GraphiQL and GraphQL at ${url}` : `GraphQL at ${url} (GraphiQL off; --graphiql turns it on)`);
  return null;
}

/**
 * Exits, unless a file read is stuck in the kernel (a hung network mount): such a read holds one
 * of libuv's threads, and `process.exit` waits for them, so the process would hang instead.
 */
function exit(code: number): void {
  const stuck = stuckReadCount();
  if (stuck > 0) {
    log.error({ stuckReads: stuck }, `${stuck} file read(s) are stuck and would keep the process from exiting; killing it`);
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  process.exit(code);
}

/**
 * Builds the search index of the graph now being served, in slices between requests, so the first
 * search after a start or a reload does not wait for it.
 */
function prepareSearch(graph: Graph | undefined, stored: StoredIndex | null = null, onStored?: (used: boolean) => void): Promise<void> {
  if (!graph) return Promise.resolve();
  const started = performance.now();
  let used = false;
  return prepareSearchIndex(graph, {
    stored,
    onStored: (outcome) => {
      used = outcome.used;
      onStored?.(outcome.used);
      if (!outcome.used) log.info({ reason: outcome.reason }, `search index kept from the last start not used (${outcome.reason}); building it`);
    },
  }).then(
    (index) => void (index && log.debug({ ms: Math.round(performance.now() - started), restored: used }, used ? 'search index read from the parse cache folder' : 'search index built')),
    (error: unknown) => log.error({ err: error }, 'building the search index failed'),
  );
}

/** Writes the index just built for the next start; a failure costs that start a build, nothing more. */
async function keepSearchIndex(kept: { readonly path: string; readonly key: string }, graph: Graph): Promise<void> {
  const started = performance.now();
  try {
    if (await writeStoredIndex(kept.path, kept.key, graph)) log.debug({ ms: Math.round(performance.now() - started), path: kept.path }, 'search index kept for the next start');
  } catch (error) {
    log.warn({ err: error, path: kept.path }, `search index not kept for the next start: ${String(error)}`);
  }
}

/** Keeps the graph for the next start; a failure costs that start a build, nothing more. */
async function keepSnapshot(store: ContentStore): Promise<void> {
  const started = performance.now();
  try {
    if (await store.keepSnapshot()) log.debug({ ms: Math.round(performance.now() - started) }, 'graph snapshot kept for the next start');
  } catch (error) {
    log.warn({ err: error }, `graph snapshot not kept for the next start: ${String(error)}`);
  }
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
    if (expected) log.error({}, error.message);
    else log.error({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
    // The server may already be listening (the content failed to load): exit, don't linger.
    exit(expected ? 2 : 1);
  },
);
