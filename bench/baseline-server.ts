import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

/** What the worker is given: for each query name, the service's response to replay. */
export interface BaselineData {
  readonly responses: Record<string, { readonly contentType: string; readonly body: Uint8Array }>;
}

/**
 * The baseline: a bare node:http server that answers `POST /<query name>` with the exact bytes
 * and content-type the service gave for that query. It runs in a worker thread of the bench
 * process so it gets its own event loop, as the service does in its own process; on the main
 * thread it would share one core with autocannon and look slower than it is.
 */
function serve(data: BaselineData): void {
  const responses = new Map(
    Object.entries(data.responses).map(([name, r]) => [`/${name}`, { body: Buffer.from(r.body), contentType: r.contentType }]),
  );
  const server = createServer((req, res) => {
    const response = responses.get(req.url ?? '');
    // Read the request body before answering, as any GraphQL server must.
    req.resume();
    req.once('end', () => {
      if (!response) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': response.contentType, 'content-length': response.body.length }).end(response.body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    parentPort?.postMessage({ port: (server.address() as AddressInfo).port });
  });
  parentPort?.on('message', (message: unknown) => {
    if (message === 'close') {
      server.closeAllConnections();
      server.close(() => parentPort?.close());
    }
  });
}

serve(workerData as BaselineData);
