import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpResponseCache } from './http-response-cache.js';
import type { MeetupYoga } from './yoga.js';

export interface HttpServerOptions {
  /** Answers repeated GraphQL requests from memory; null or absent turns it off. */
  readonly cache?: HttpResponseCache | null;
}

/** Requests larger than this are not cached; Yoga still answers them. */
const MAX_CACHED_BODY = 64 * 1024;

/** An HTTP server around Yoga; `/` leads to the GraphiQL page at `/graphql`. */
export function createHttpServer(yoga: MeetupYoga, options: HttpServerOptions = {}): Server {
  return createServer((req, res) => {
    if (req.url === '/' || req.url === '') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    const cache = options.cache;
    if (cache && cacheable(req)) {
      serveThroughCache(yoga, cache, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(error instanceof Error ? error.message : 'internal error');
      });
      return;
    }
    void yoga(req, res);
  });
}

/** GraphQL queries over GET or POST; not GraphiQL pages and not subscription streams. */
function cacheable(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0];
  const accept = req.headers.accept ?? '';
  return (
    path === '/graphql' &&
    (req.method === 'GET' || req.method === 'POST') &&
    !/text\/event-stream|multipart\/mixed|text\/html/i.test(accept)
  );
}

async function serveThroughCache(yoga: MeetupYoga, cache: HttpResponseCache, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  const url = req.url ?? '/graphql';
  const key = body.length > MAX_CACHED_BODY ? null : cache.keyOf(method, url, req.headers.accept ?? '', body);
  const hit = key === null ? undefined : cache.get(key);
  if (hit) {
    if (req.headers['if-none-match'] === hit.etag) {
      res.writeHead(304, { etag: hit.etag }).end();
      return;
    }
    res.writeHead(hit.status, { ...hit.headers, etag: hit.etag }).end(hit.body);
    return;
  }
  const generation = cache.generation;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const response = await yoga.fetch(`http://${req.headers.host ?? 'localhost'}${url}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'transfer-encoding') out[lower] = value;
  });
  const storable = key !== null && response.status === 200 && /json/i.test(out['content-type'] ?? '') && !bytes.includes('"errors"');
  if (storable) {
    const stored = cache.set(key, generation, { status: 200, headers: out, body: bytes });
    res.writeHead(200, { ...out, etag: stored.etag }).end(bytes);
    return;
  }
  res.writeHead(response.status, out).end(bytes);
}

/** The request body as bytes. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
