import { ContentStore } from './content/content-store.js';
import { ConfigError, readConfig } from './config.js';
import { readVocabularyFile, VocabularyFileError } from './extract/vocabulary-file.js';
import { formatDiagnostic } from './diagnostics.js';
import { HttpResponseCache } from './http-response-cache.js';
import { createHttpServer } from './server.js';
import { createMeetupYoga } from './yoga.js';

/** `npm start -- --content DIR --port N --host H [--strict]`: load the content folder and serve it. */
async function main(): Promise<number | null> {
  const config = readConfig(process.argv.slice(2), process.env);
  const started = performance.now();
  const vocabulary = config.vocabularyFile ? await readVocabularyFile(config.vocabularyFile) : undefined;
  const store = await ContentStore.open(config.contentDir, { vocabulary, defaultOffset: config.utcOffset }, { parseCacheDir: config.parseCacheDir });
  const graph = store.current();
  const filesFound = store.pageCount;
  const ms = Math.round(performance.now() - started);
  console.log(
    `loaded ${graph.events.size} of ${filesFound} pages from ${config.contentDir} in ${ms} ms` +
      `${store.cachedPageCount ? ` (${store.cachedPageCount} from the parse cache)` : ''}: ` +
      `${graph.talks.size} talks, ${graph.speakers.size} speakers, ${graph.projects.size} projects`,
  );
  for (const d of graph.diagnostics) console.warn(formatDiagnostic(d));
  if (config.strict && graph.diagnostics.length > 0) {
    console.error(`--strict: ${graph.diagnostics.length} content problem(s); not serving`);
    return 1;
  }
  if (config.watch) {
    await store.watch();
    store.onChange((change) => {
      const problems = change.diagnostics.length ? `; ${change.diagnostics.length} content problem(s)` : '';
      console.log(`reloaded: ${change.changed.length} changed, ${change.removed.length} removed${problems}`);
    });
  }
  const yoga = createMeetupYoga(store);
  const server = createHttpServer(yoga, { cache: config.cache ? new HttpResponseCache(store) : null });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, ok);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`GraphiQL and GraphQL at http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`);
  const stop = () => {
    void store.close();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof VocabularyFileError;
    console.error(expected ? error.message : error);
    process.exitCode = expected ? 2 : 1;
  },
);
