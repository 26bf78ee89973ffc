import { createHash } from 'node:crypto';
import type { GraphSource } from '../model/source.js';

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

/**
 * Whole GraphQL answers kept as bytes, in front of Yoga: content only changes on reload, so a
 * repeated request is answered from memory without parsing, validating or executing anything
 * (about what serving static bytes costs). Every reload empties it, so no answer from before a
 * change outlives it. An ETag names the answer's bytes rather than a reload count, which starts
 * again at each restart: an ETag from before a restart never matches different content.
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
   * The key of a request: everything that can change its answer. `headers` are the values of
   * the request headers Yoga reads (accept, content-type, origin for CORS, the CSRF headers), so
   * a stored answer is never replayed to a request Yoga would have answered differently.
   */
  keyOf(method: string, url: string, headers: readonly string[], body: Buffer): string {
    return createHash('sha1').update(`${method}\u0000${url}\u0000${headers.join('\u0000')}\u0000`).update(body).digest('base64url');
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

  /** Stores an answer computed in `generation`, unless the content changed meanwhile. */
  set(key: string, generation: number, response: Omit<CachedResponse, 'etag' | 'wireHeaders'>): CachedResponse {
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
