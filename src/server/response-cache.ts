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
  /**
   * `headers` with the ETag and Content-Length as `[name, value, …]`, built once so a hit only
   * writes, and ending with an `x-request-id` pair whose value each answer fills in.
   */
  readonly wireHeaders: readonly (string | number)[];
}

/** An entry and whether it was answered since eviction last passed it (its second chance). */
interface Entry {
  readonly response: CachedResponse;
  used: boolean;
}

/** Entries and bytes kept at most (keys count as bytes too); the oldest unused answers go first. */
const MAX_ENTRIES = 5000;
const MAX_BYTES = 128 * 1024 * 1024;
/** Requests larger than this are not cached; Yoga still answers them. */
const MAX_CACHED_BODY = 64 * 1024;
/**
 * A request whose key text is at most this long is keyed by the text itself; a longer one by its
 * SHA-1. V8 hashes a string once, fully, up to 16,383 characters (past that, by its length alone,
 * so same-length keys would share a bucket and be compared byte by byte), so under this bound a
 * Map lookup is one hash and one comparison, without a crypto hash per request.
 */
const MAX_EXACT_KEY = 4096;
/** Request headers that change Yoga's answer, in the order the cache key takes them. */
const VARYING_HEADERS = ['accept', 'content-type', 'origin', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

/** The path and query of a request's target, and its path alone. */
export interface Target {
  readonly path: string;
  readonly pathAndQuery: string;
}

/**
 * The target a request names, as the cache keys and logs it: the plain endpoint (`/graphql`,
 * `/graphql?…`) as it came, without building a URL, so the key is at least as specific as the
 * parsed target; anything else (an absolute-form `POST http://host/graphql`, dot segments,
 * other routes) reduced to its path and query by a URL parser.
 */
export function targetOf(req: IncomingMessage): Target {
  const raw = req.url ?? '/graphql';
  if (raw === '/graphql' || raw.startsWith('/graphql?')) return { path: '/graphql', pathAndQuery: raw };
  const url = new URL(raw, 'http://localhost');
  return { path: url.pathname, pathAndQuery: `${url.pathname}${url.search}` };
}

/**
 * Whole GraphQL answers kept as bytes, in front of Yoga: content only changes on reload, so a
 * repeated request is answered from memory without parsing, validating or executing anything
 * (about what serving static bytes costs). This file holds the whole policy: which requests are
 * looked up, what they are keyed by, which answers are kept, for how long and how many.
 *
 * Every reload empties it, so no answer from before a change outlives it. An ETag names the
 * answer's bytes rather than a reload count, which starts again at each restart: an ETag from
 * before a restart never matches different content.
 *
 * Eviction is a second-chance (CLOCK) approximation of least-recently-used: a hit only sets a
 * flag, where moving the entry to the young end of the Map cost a delete and an insert per hit.
 */
export class HttpResponseCache {
  private entries = new Map<string, Entry>();
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
   * request Yoga would have answered differently. It is that text itself (the body read as
   * Latin-1, one character per byte, so different bytes never make the same key) when short,
   * else the text's SHA-1.
   */
  keyFor(req: IncomingMessage, target: Target, body: Buffer): string | null {
    const method = req.method ?? 'GET';
    if (target.path !== '/graphql' || (method !== 'GET' && method !== 'POST')) return null;
    const headers = req.headers;
    const accept = headerText(headers.accept);
    if (/text\/html/i.test(accept) || body.length > MAX_CACHED_BODY) return null;
    let text = `${method}\u0000${target.pathAndQuery}\u0000${accept}`;
    for (let i = 1; i < VARYING_HEADERS.length; i++) text += `\u0000${headerText(headers[VARYING_HEADERS[i] as string])}`;
    text += '\u0000';
    // A hashed key starts with '#', an exact one with its method: the two never meet.
    if (text.length + body.length <= MAX_EXACT_KEY) return text + body.toString('latin1');
    return `#${createHash('sha1').update(text).update(body).digest('base64url')}`;
  }

  /**
   * Answers a request from the cache when it holds its answer: 304 when the client has these
   * bytes already (If-None-Match), else the stored bytes; either carries `requestId`.
   * @returns Whether it answered.
   */
  answer(key: string, req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
    const hit = this.get(key);
    if (!hit) return false;
    if (req.headers['if-none-match'] === hit.etag) {
      res.writeHead(304, ['etag', hit.etag, 'x-request-id', requestId]).end();
      return true;
    }
    res.writeHead(hit.status, wireHeadersOf(hit, requestId)).end(hit.body);
    return true;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.response;
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
    const wireHeaders = [...Object.entries(response.headers).flat(), 'etag', etag, 'content-length', response.body.length, 'x-request-id', ''];
    const stored: CachedResponse = { ...response, etag, wireHeaders };
    if (generation !== this.generationCount) return stored;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= sizeOf(key, previous.response);
    this.entries.set(key, { response: stored, used: false });
    this.bytes += sizeOf(key, stored);
    this.evict();
    return stored;
  }

  /**
   * Drops the oldest entries until the bounds hold; one answered since eviction last passed it
   * goes to the young end instead, once (a re-inserted entry is visited again only after all the
   * others, so the loop ends).
   */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) return;
      this.entries.delete(key);
      if (entry.used) {
        entry.used = false;
        this.entries.set(key, entry);
      } else {
        this.bytes -= sizeOf(key, entry.response);
      }
    }
  }
}

/** A stored answer's headers as written to one request, whose id they carry. */
export function wireHeadersOf(response: CachedResponse, requestId: string): (string | number)[] {
  const headers = response.wireHeaders.slice();
  headers[headers.length - 1] = requestId;
  return headers;
}

/** What an entry counts against MAX_BYTES: its body and its key (up to 4 KB of text). */
function sizeOf(key: string, response: CachedResponse): number {
  return key.length + response.body.length;
}

/** Same bytes of the same type, same ETag: a restart or a reload that left the answer alone keeps it. */
function etagOf(response: Omit<CachedResponse, 'etag' | 'wireHeaders'>): string {
  const type = response.headers['content-type'] ?? '';
  return `"${createHash('sha1').update(`${response.status}\u0000${type}\u0000`).update(response.body).digest('base64url')}"`;
}
