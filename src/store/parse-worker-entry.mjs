// Entry of a parse worker thread. The service runs its TypeScript sources through tsx, whose
// loader hooks a worker does not inherit; tsx's API loads the worker module with them.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
