// `npm run build`: the service as plain JavaScript in dist/, so a start runs compiled code
// instead of compiling TypeScript on the fly (tsx costs seconds at start-up and in every parse
// worker). Dependencies stay in node_modules; only the project's own modules are bundled.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/bin/serve.ts', 'parse-worker': 'src/store/parse-worker.ts' },
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
