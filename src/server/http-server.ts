import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpResponseCache } from './response-cache.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { MeetupYoga } from './yoga.js';

export interface HttpServerOptions {
  /** Answers repeated GraphQL requests from memory; null or absent turns it off. */
  readonly cache?: HttpResponseCache | null;
  /** Bodies above this many bytes get 413 before anything parses them. */
  readonly maxBodyBytes?: number;
  /**
   * Whether the content is loaded. Until it is, `/readyz` and GraphQL answer 503, so a load
   * balancer sends no traffic to a process that is still reading pages; `/healthz` is 200 as
   * soon as the process listens.
   */
  readonly ready?: () => boolean;
}

/** Requests larger than this are not cached; Yoga still answers them. */
const MAX_CACHED_BODY = 64 * 1024;

/** Request headers that change Yoga's answer, in the order the cache key takes them. */
const VARYING_HEADERS = ['accept', 'content-type', 'origin', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

class BodyTooLarge extends Error {}

/** An HTTP server around Yoga; `/` leads to the GraphiQL page at `/graphql`. */
export function createHttpServer(yoga: MeetupYoga, options: HttpServerOptions = {}): Server {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
  const ready = options.ready ?? (() => true);
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/' || path === '') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    const isReady = ready();
    if (path === '/readyz') return sendJson(res, isReady ? 200 : 503, { status: isReady ? 'ready' : 'not ready' });
    if (!isReady) {
      res.setHeader('retry-after', '1');
      return sendJson(res, 503, { errors: [{ message: 'The content is still loading; try again shortly', extensions: { code: 'NOT_READY' } }] });
    }
    const declared = req.headers['content-length'];
    if (Number(declared ?? 0) > maxBodyBytes) return refuseLargeBody(res, maxBodyBytes);
    // Yoga's own Node adapter is the fastest way through it (about 1.4× the requests per second
    // of building a fetch Request here); it is safe when the body's length is declared (and so
    // checked above, and held to by Node's parser) or there is no body.
    const bounded = declared !== undefined || req.headers['transfer-encoding'] === undefined;
    const stream = streams(req);
    if (stream && !bounded) {
      // A stream's answer never ends, so its body cannot be read first and counted.
      return sendJson(res, 411, { errors: [{ message: 'A subscription request must declare its Content-Length', extensions: { code: 'LENGTH_REQUIRED' } }] });
    }
    if (stream || (!options.cache && bounded)) {
      void yoga(req, res);
      return;
    }
    serveBuffered(yoga, options.cache ?? null, maxBodyBytes, req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return refuseLargeBody(res, maxBodyBytes);
      // No internal message: this path is outside Yoga's error masking.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
}

/** Subscription streams: answers that never end, so they go to Yoga as they are and are never cached. */
function streams(req: IncomingMessage): boolean {
  return /text\/event-stream|multipart\/mixed/i.test(req.headers.accept ?? '');
}

/** GraphQL queries over GET or POST; not GraphiQL's page. */
function cacheable(req: IncomingMessage, path: string): boolean {
  return path === '/graphql' && (req.method === 'GET' || req.method === 'POST') && !/text\/html/i.test(req.headers.accept ?? '');
}

/**
 * Reads the body (counting bytes, as chunked bodies declare no length), answers from the cache
 * when it can, else asks Yoga and stores a clean 200 JSON answer for next time.
 */
async function serveBuffered(yoga: MeetupYoga, cache: HttpResponseCache | null, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, maxBodyBytes);
  const method = req.method ?? 'GET';
  // An absolute-form target (`POST http://host/graphql`) is reduced to its path and query.
  const target = new URL(req.url ?? '/graphql', 'http://localhost');
  const url = `${target.pathname}${target.search}`;
  const path = target.pathname;
  const key =
    cache && cacheable(req, path) && body.length <= MAX_CACHED_BODY
      ? cache.keyOf(method, url, VARYING_HEADERS.map((name) => headerText(req.headers[name])), body)
      : null;
  const hit = key === null ? undefined : cache?.get(key);
  if (hit) {
    if (req.headers['if-none-match'] === hit.etag) {
      res.writeHead(304, { etag: hit.etag }).end();
      return;
    }
    res.writeHead(hit.status, hit.wireHeaders).end(hit.body);
    return;
  }
  const generation = cache?.generation ?? 0;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, headerText(value));
  }
  const response = await yoga.fetch(`http://localhost${url}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'transfer-encoding') out[lower] = value;
  });
  const storable = cache && key !== null && response.status === 200 && /json/i.test(out['content-type'] ?? '') && !bytes.includes('"errors"');
  if (storable) {
    const stored = cache.set(key, generation, { status: 200, headers: out, body: bytes });
    res.writeHead(200, stored.wireHeaders).end(bytes);
    return;
  }
  res.writeHead(response.status, { ...out, 'content-length': bytes.length }).end(bytes);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The request body as bytes; rejects with BodyTooLarge as soon as it passes `limit`. Events, not
 * `for await`: the async iterator costs a measurable share of a cached answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        fail(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', fail);
  });
}

function refuseLargeBody(res: ServerResponse, limit: number): void {
  // The rest of the body is not read: closing the connection is cheaper than draining it.
  res.setHeader('connection', 'close');
  sendJson(res, 413, { errors: [{ message: `The request body is larger than ${limit} bytes`, extensions: { code: 'BODY_TOO_LARGE', maxBodyBytes: limit } }] });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}
