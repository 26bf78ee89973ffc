import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiError, apiErrorStatus, type ApiErrorCode, type ApiErrorDetails } from '../model/api-errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import { headerText } from './headers.js';
import { targetOf, wireHeadersOf, type HttpResponseCache, type Target } from './response-cache.js';
import type { MeetupYoga } from './yoga.js';
import { silentLog, type Log } from '../model/log.js';
import { requestIdFrom } from './request-id.js';
import { logRequest, msSince } from './request-log.js';
import { createFastPath, fastPathTakes, type FastPath } from './fast-path.js';

export interface HttpServerOptions {
  /** Answers repeated GraphQL requests from memory; null or absent turns it off. */
  readonly cache?: HttpResponseCache | null;
  /** Bodies above this many bytes get 413 before anything parses them. */
  readonly maxBodyBytes?: number;
  /** Where the lines of requests answered here, without Yoga, go (Yoga's own go to its `log`). */
  readonly log?: Log;
  /**
   * Answer plain JSON `POST /graphql` requests through Yoga's hooks without its WHATWG
   * Request/Response layer (fast-path.ts); default on. Off: Yoga answers everything.
   */
  readonly fastPath?: boolean;
}

class BodyTooLarge extends Error {}

/** A request answered here rather than by Yoga: what its answer and its line need. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly started: number;
  readonly log: Log;
}

/**
 * Node's HTTP server around Yoga: the transport only. It bounds request bodies and answers
 * repeated requests from the response cache; every route (GraphQL, GraphiQL, health, calendars)
 * is Yoga's, so `yoga.fetch` reaches all of them.
 */
export function createHttpServer(yoga: MeetupYoga, options: HttpServerOptions = {}): Server {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
  const cache = options.cache ?? null;
  const log = options.log ?? silentLog;
  const fast = options.fastPath === false ? null : createFastPath(yoga);
  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdFrom(headerText(req.headers['x-request-id']));
    // Yoga takes the id chosen here (use-request-log.ts): one request, one id, whoever answers.
    req.headers['x-request-id'] = requestId;
    const exchange: Exchange = { req, res, requestId, started, log };
    const declared = req.headers['content-length'];
    if (Number(declared ?? 0) > maxBodyBytes) return refuseLargeBody(exchange, maxBodyBytes);
    // Yoga's own Node adapter is the fastest way through it (about 1.4× the requests per second
    // of building a fetch Request here); it is safe when the body's length is declared (and so
    // checked above, and held to by Node's parser) or there is no body.
    const bounded = declared !== undefined || req.headers['transfer-encoding'] === undefined;
    const stream = streams(req);
    // A stream's answer never ends, so its body cannot be read first and counted.
    if (stream && !bounded) return sendError(exchange, 'LENGTH_REQUIRED');
    if (stream || (!cache && bounded && !(fast !== null && fastPathTakes(req)))) {
      void yoga(req, res);
      return;
    }
    const fail = (error: unknown): void => {
      if (error instanceof BodyTooLarge) return refuseLargeBody(exchange, maxBodyBytes);
      // No internal message: this path is outside Yoga's error masking.
      log.error({ requestId, err: error, path: pathOf(req) }, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) return sendError(exchange, 'INTERNAL_ERROR');
      res.end();
    };
    // Callbacks, not promises, up to the cache's answer: a hit costs about what a bare server's
    // answer does, and a promise and an async function per request were a measurable share of it.
    readBody(req, maxBodyBytes, (body) => {
      let target: Target;
      let key: string | null;
      try {
        target = targetOf(req);
        key = cache?.keyFor(req, target, body) ?? null;
        if (key !== null && cache?.answer(key, req, res, requestId)) {
          // A hit's line is at debug (a 200 or a 304): not built at all when debug is off.
          if (log.isLevelEnabled?.('debug') ?? true) {
            logRequest(log, { requestId, method: req.method ?? 'GET', path: target.path, status: res.statusCode, ms: msSince(started), cache: 'hit' });
          }
          return;
        }
      } catch (error) {
        fail(error);
        return;
      }
      serveComputed(yoga, fast !== null && fastPathTakes(req) ? fast : null, cache, key, body, exchange).catch(fail);
    }, fail);
  });
  // The side that closes an idle keep-alive connection first must be the client: a request it
  // sends just as the server closes is lost with ECONNRESET. Clients (undici, browsers) and proxies
  // (nginx, Varnish, load balancers: 60 s) give up on idle connections sooner than this; Node's 5 s
  // default raced them, and lost requests whenever the event loop stalled a few seconds.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}

/** How long an idle keep-alive connection is kept open. */
export const KEEP_ALIVE_MS = 65_000;

/** Subscription streams: answers that never end, so they go to Yoga as they are and are never cached. */
function streams(req: IncomingMessage): boolean {
  return /text\/event-stream|multipart\/mixed/i.test(req.headers.accept ?? '');
}

/**
 * Answers a request the cache did not: the fast path or Yoga computes the answer, and the cache is
 * offered it when the request has a key.
 */
async function serveComputed(yoga: MeetupYoga, fast: FastPath | null, cache: HttpResponseCache | null, key: string | null, body: Buffer, exchange: Exchange): Promise<void> {
  const { req, res, requestId } = exchange;
  const method = req.method ?? 'GET';
  res.setHeader('x-request-id', requestId);
  const generation = cache?.generation ?? 0;
  const quick = fast ? await fast.answer(req, res, body) : null;
  if (quick) {
    // The id is the request's, set above; a stored answer holds none.
    delete quick.headers['x-request-id'];
    // The body is written as it is (bytes when serialising made them, else the string): no copy unless the cache keeps one.
    const stored = cache && key !== null && quick.status === 200 ? cache.store(key, generation, { status: quick.status, headers: quick.headers, body: typeof quick.body === 'string' ? Buffer.from(quick.body) : quick.body }) : null;
    if (stored) res.writeHead(stored.status, wireHeadersOf(stored, requestId)).end(stored.body);
    else res.writeHead(quick.status, { ...quick.headers, 'content-length': typeof quick.body === 'string' ? Buffer.byteLength(quick.body) : quick.body.length }).end(quick.body);
    return;
  }
  if (!cache) {
    // Declined by the fast path: Yoga's Node adapter answers, as it does every request when the
    // cache is off, and takes the body already read (it reads a non-empty `req.body` as the body).
    (req as IncomingMessage & { body?: Buffer }).body = body;
    await yoga(req, res);
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, headerText(value));
  }
  // The target as a URL parser reads it (targetOf keeps the plain endpoint as it came).
  const url = new URL(req.url ?? '/graphql', 'http://localhost');
  const response = await yoga.fetch(`http://localhost${url.pathname}${url.search}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'transfer-encoding' && lower !== 'x-request-id') out[lower] = value;
  });
  const stored = cache && key !== null ? cache.store(key, generation, { status: response.status, headers: out, body: bytes }) : null;
  if (stored) {
    res.writeHead(stored.status, wireHeadersOf(stored, requestId)).end(bytes);
    return;
  }
  res.writeHead(response.status, { ...out, 'content-length': bytes.length }).end(bytes);
}

/**
 * Reads the request body, counting bytes (chunked bodies declare no length), and hands it to
 * `done`, or BodyTooLarge to `fail` as soon as it passes `limit`; only one of them is called, once.
 * Events, not `for await`: the async iterator costs a measurable share of a cached answer.
 */
function readBody(req: IncomingMessage, limit: number, done: (body: Buffer) => void, fail: (error: unknown) => void): void {
  if (req.readableEnded) {
    done(Buffer.alloc(0));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.removeAllListeners('data');
      req.resume();
      if (!settled) fail(new BodyTooLarge());
      settled = true;
      return;
    }
    chunks.push(chunk);
  });
  req.once('end', () => {
    if (settled) return;
    settled = true;
    done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
  });
  req.once('error', (error) => {
    if (settled) return;
    settled = true;
    fail(error);
  });
}

function refuseLargeBody(exchange: Exchange, limit: number): void {
  // The rest of the body is not read: closing the connection is cheaper than draining it.
  exchange.res.setHeader('connection', 'close');
  sendError(exchange, 'BODY_TOO_LARGE', { maxBodyBytes: limit });
}

/** An error of the catalogue as a GraphQL-shaped JSON answer with the code's status, and its line. */
function sendError<C extends ApiErrorCode>({ req, res, requestId, started, log }: Exchange, code: C, ...details: ApiErrorDetails<C>): void {
  const error = apiError(code, ...details);
  const status = apiErrorStatus(code);
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId })
    .end(JSON.stringify({ errors: [error] }));
  logRequest(log, { requestId, method: req.method ?? 'GET', path: pathOf(req), status, ms: msSince(started), errors: [{ code, message: error.message }] });
}

/** The target a request names, without its query string (not parsed: it may be no URL at all). */
function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?', 1)[0] ?? '/';
}
