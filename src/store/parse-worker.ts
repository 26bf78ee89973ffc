import { parentPort } from 'node:worker_threads';
import type { ExtractOptions } from '../extract/extract-page.js';
import type { PageFile } from '../content/discover.js';
import { readPage } from './load-page.js';

/** A worker thread that reads pages sent to it: parsing markdown is the cost of a cold start. */
export interface ParseRequest {
  readonly id: number;
  readonly file: Omit<PageFile, 'absolutePath'>;
  readonly text: string;
  readonly options: ExtractOptions;
}

parentPort?.on('message', (request: ParseRequest) => {
  parentPort?.postMessage({ id: request.id, page: readPage(request.file, request.text, request.options) });
});
