// Entry of the baseline worker thread. A worker does not inherit tsx's loader hooks, so tsx's
// API loads the TypeScript module with them (as src/content/parse-worker-entry.mjs does).
import { tsImport } from 'tsx/esm/api';

await tsImport('./baseline-server.ts', import.meta.url);
