// `npm run build`: the service as plain JavaScript in dist/, so a start runs compiled code
// instead of compiling TypeScript on the fly (tsx costs seconds at start-up and in every parse
// worker). Its dependencies are bundled too: resolving, reading and compiling them file by file
// from node_modules was most of what a start did before listening, in the main thread and again
// in each parse worker (README, "Performance"). The main thread and the parse workers share one
// chunk of the parsing code; a module imported with `import()` (GraphiQL's page) is a chunk of
// its own, read when first used.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist';

const { metafile } = await build({
  entryPoints: { cli: 'src/bin/serve.ts', 'parse-worker': 'src/store/parse-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Stack traces name src/ files and lines (`npm start` runs with --enable-source-maps). Without
  // the sources' text in the maps: Node reads every map at start-up and would hold the text of
  // all the bundled dependencies (31 MB more RSS, measured); the sources are in the checkout.
  sourcemap: 'linked',
  sourcesContent: false,
  // A bundle copies its dependencies' code: their licence comments go with it (dist/*.LEGAL.txt).
  legalComments: 'linked',
  // CommonJS dependencies call `require` for Node's own modules, which an ES module lacks. The
  // service uses no pino transport (those start a worker from a file beside pino's own).
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

// Chunks are named by their content's hash: those of earlier builds would pile up.
const written = new Set(Object.keys(metafile.outputs).map((file) => join(file)));
for (const entry of await readdir(outdir)) {
  const file = join(outdir, entry);
  if (!written.has(file)) await rm(file, { recursive: true, force: true });
}
