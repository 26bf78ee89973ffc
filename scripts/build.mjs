// `npm run build`: the service as plain JavaScript in dist/, so a start runs compiled code
// instead of compiling TypeScript on the fly (tsx costs seconds at start-up and in every parse
// worker). Its dependencies are bundled too: resolving, reading and compiling them file by file
// from node_modules was most of what a start did before listening, in the main thread and again
// in each parse worker (README, "Performance"). The main thread and the parse workers share one
// chunk of the parsing code; a module imported with `import()` (GraphiQL's page) is a chunk of
// its own, read when first used.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist';

/** A module replaced by a few lines of code, for a dependency's import this service never uses. */
const stub = (name, filter, contents, importer = /./) => ({
  name,
  setup(b) {
    b.onResolve({ filter }, (args) => (importer.test(args.importer) ? { path: name, namespace: 'stub' } : undefined));
    b.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'stub' }, () => ({ contents, loader: 'js' }));
  },
});

const plugins = [
  // JSON as a string for JSON.parse, which V8 reads faster than the same data as an object
  // literal (city-timezones' 1.9 MB of cities: 60 ms less CPU to listening on a small folder).
  {
    name: 'json-parse',
    setup(b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => ({
        contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(args.path, 'utf8'))))});`,
        loader: 'js',
      }));
    },
  },
  // graphql-jit imports fast-json-stringify (with ajv, 500 KB) for its customJSONSerializer
  // option, which use-jit.ts does not set: 110 ms of CPU and 5 MB at every start.
  stub('fast-json-stringify', /^fast-json-stringify$/, "module.exports = () => { throw new Error('fast-json-stringify is not in the build (scripts/build.mjs)'); };"),
  // zod's `z.locales` (error messages in 50 languages, 370 KB) is never read; English is
  // imported on its own by zod's setup.
  stub('zod-locales', /^\.\.\/locales\/index\.js$/, 'export {};', /[/\\]zod[/\\]/),
];

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
  // A bundle copies its dependencies' code: their licence comments go with it (dist/*.LEGAL.txt),
  // and their licences too (dist/THIRD-PARTY-LICENSES.txt, below).
  legalComments: 'linked',
  // CommonJS dependencies call `require` for Node's own modules, which an ES module lacks. The
  // service uses no pino transport (those start a worker from a file beside pino's own).
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins,
  metafile: true,
  logLevel: 'warning',
});

// One graphql: a second copy (its ES and CommonJS builds both bundled) fails every schema check
// ("Cannot use GraphQLSchema from another module or realm").
const graphqlBuilds = new Set(Object.keys(metafile.inputs).filter((f) => /node_modules\/graphql\/index\.m?js$/.test(f)));
if (graphqlBuilds.size !== 1) throw new Error(`the bundle holds ${graphqlBuilds.size} copies of graphql: ${[...graphqlBuilds].join(', ')}`);

// The licence of every package bundled, as its package.json names it and its licence file says.
const packages = [...new Set(Object.keys(metafile.inputs).flatMap((f) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []))].sort();
const notices = await Promise.all(
  packages.map(async (dir) => {
    const { name, version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const file = (await readdir(dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
    return `${name}@${version} (${license ?? 'see its package'})\n\n${file ? (await readFile(join(dir, file), 'utf8')).trim() : ''}\n`;
  }),
);
const licenses = join(outdir, 'THIRD-PARTY-LICENSES.txt');
await writeFile(licenses, `Packages bundled into dist/ by scripts/build.mjs, with their licences.\n\n${notices.join('\n---\n\n')}`);

// Chunks are named by their content's hash: those of earlier builds would pile up.
const written = new Set([...Object.keys(metafile.outputs).map((file) => join(file)), licenses]);
for (const entry of await readdir(outdir)) {
  const file = join(outdir, entry);
  if (!written.has(file)) await rm(file, { recursive: true, force: true });
}
