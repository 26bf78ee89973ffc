import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphSource } from '../model/source.js';
import { headerText } from './headers.js';

/** A stored answer: the exact bytes and headers Yoga produced for one request. */
export interface CachedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly etag: string;
  /** `headers` with the ETag and Content-Length, built once so a hit only writes. */
  readonly wireHeaders: Readonly<Record<string, string | number>>;
}

/** Entries and bytes kept at most; the oldest answers go first. */
const MAX_ENTRIES = 5000;
const MAX_BYTES = 128 * 1024 * 1024;
/** Requests larger than this are not cached; Yoga still answers them. */
const MAX_CACHED_BODY = 64 * 1024;
/** Request headers that change Yoga's answer, in the order the cache key takes them. */
const VARYING_HEADERS = ['accept', 'content-type', 'origin', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

/**
 * Whole GraphQL answers kept as bytes, in front of Yoga: content only changes on reload, so a
 * repeated request is answered from memory without parsing, validating or executing anything
 * (about what serving static bytes costs). This file holds the whole policy: which requests are
 * looked up, what they are keyed by, which answers are kept, for how long and how many.
 *
 * Every reload empties it, so no answer from before a change outlives it. An ETag names the
 * answer's bytes rather than a reload count, which starts again at each restart: an ETag from
 * before a restart never matches different content.
 */
export class HttpResponseCache {
  private entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private generationCount = 0;

  constructor(source: GraphSource) {
    source.onChange?.(() => {
      this.generationCount++;
      this.entries = new Map();
      this.bytes = 0;
    });
  }

  /** Changes on every content reload; an answer computed in an older one is not stored. */
  get generation(): number {
    return this.generationCount;
  }

  /**
   * The key of a request, or null when it is not looked up: only GraphQL queries over GET or
   * POST (not GraphiQL's page), with a small body. The key holds everything that can change the
   * answer: method, path and query, body, and the request headers Yoga reads (accept,
   * content-type, origin for CORS, the CSRF headers), so a stored answer is never replayed to a
   * request Yoga would have answered differently.
   */
  keyFor(req: IncomingMessage, url: URL, body: Buffer): string | null {
    const method = req.method ?? 'GET';
    if (url.pathname !== '/graphql' || (method !== 'GET' && method !== 'POST')) return null;
    if (/text\/html/i.test(req.headers.accept ?? '') || body.length > MAX_CACHED_BODY) return null;
    const headers = VARYING_HEADERS.map((name) => headerText(req.headers[name])).join('\u0000');
    return createHash('sha1').update(`${method}\u0000${url.pathname}${url.search}\u0000${headers}\u0000`).update(body).digest('base64url');
  }

  /**
   * Answers a request from the cache when it holds its answer: 304 when the client has these
   * bytes already (If-None-Match), else the stored bytes.
   * @returns Whether it answered.
   */
  answer(key: string, req: IncomingMessage, res: ServerResponse): boolean {
    const hit = this.get(key);
    if (!hit) return false;
    if (req.headers['if-none-match'] === hit.etag) res.writeHead(304, { etag: hit.etag }).end();
    else res.writeHead(hit.status, hit.wireHeaders).end(hit.body);
    return true;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so eviction drops the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Keeps an answer computed in `generation` when it is worth replaying: a clean 200 JSON answer
   * (an error may be a passing one), and the content did not change meanwhile.
   * @returns The stored answer, or null when it was not kept.
   */
  store(key: string, generation: number, response: Omit<CachedResponse, 'etag' | 'wireHeaders'>): CachedResponse | null {
    const clean = response.status === 200 && /json/i.test(response.headers['content-type'] ?? '') && !response.body.includes('"errors"');
    if (!clean) return null;
    const etag = etagOf(response);
    const stored = { ...response, etag, wireHeaders: { ...response.headers, etag, 'content-length': response.body.length } };
    if (generation !== this.generationCount) return stored;
    this.entries.set(key, stored);
    this.bytes += stored.body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length;
    }
    return stored;
  }
}

/** Same bytes of the same type, same ETag: a restart or a reload that left the answer alone keeps it. */
function etagOf(response: Omit<CachedResponse, 'etag' | 'wireHeaders'>): string {
  const type = response.headers['content-type'] ?? '';
  return `"${createHash('sha1').update(`${response.status}\u0000${type}\u0000`).update(response.body).digest('base64url')}"`;
}
