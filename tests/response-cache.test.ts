import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../src/model/graph.js';
import type { ContentChange, GraphSource } from '../src/model/source.js';
import { HttpResponseCache, targetOf } from '../src/server/response-cache.js';

/**
 * The response cache's own policy, without HTTP: what a request is keyed by, which target it is
 * keyed under, and which answers eviction keeps. (Over HTTP: http-response-cache, production,
 * request-log and http-conformance tests.)
 */

/** A source whose reloads the test triggers. */
function source(): GraphSource & { reload(): void } {
  const listeners: ((change: ContentChange) => void)[] = [];
  return {
    current: () => ({}) as Graph,
    onChange: (listener) => {
      listeners.push(listener);
      return () => undefined;
    },
    reload: () => listeners.forEach((l) => l({ changed: [], removed: [], diagnostics: [] })),
  };
}

/** What keyFor and targetOf read of a request. */
function request(url: string, headers: Record<string, string> = {}, method = 'POST'): IncomingMessage {
  return { method, url, headers: { 'content-type': 'application/json', ...headers } } as unknown as IncomingMessage;
}

const JSON_ANSWER = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } } as const;
const answer = (text: string) => ({ ...JSON_ANSWER, body: Buffer.from(text) });

function keyOf(cache: HttpResponseCache, req: IncomingMessage, body: Buffer | string): string | null {
  return cache.keyFor(req, targetOf(req), typeof body === 'string' ? Buffer.from(body) : body);
}

describe('the response cache key', () => {
  const cache = new HttpResponseCache(source());
  const body = '{"query":"{ events { totalCount } }"}';

  it('is the same for the same request and differs with anything that changes the answer', () => {
    const key = keyOf(cache, request('/graphql'), body);
    expect(key).not.toBeNull();
    expect(keyOf(cache, request('/graphql'), body)).toBe(key);
    const others = [
      keyOf(cache, request('/graphql'), `${body} `),
      keyOf(cache, request('/graphql?x=1'), body),
      keyOf(cache, request('/graphql', {}, 'GET'), body),
      keyOf(cache, request('/graphql', { accept: 'application/json' }), body),
      keyOf(cache, request('/graphql', { 'content-type': 'application/json; charset=utf-8' }), body),
      keyOf(cache, request('/graphql', { origin: 'https://a.example.org' }), body),
      keyOf(cache, request('/graphql', { 'x-graphql-yoga-csrf': '1' }), body),
      keyOf(cache, request('/graphql', { 'apollo-require-preflight': 'true' }), body),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('tells apart bodies that read as the same text in UTF-8 (each byte is its own character)', () => {
    // Both are invalid UTF-8 and decode to U+FFFD: a key of the decoded text would merge them.
    const a = keyOf(cache, request('/graphql'), Buffer.from([0x7b, 0xff, 0x7d]));
    const b = keyOf(cache, request('/graphql'), Buffer.from([0x7b, 0xfe, 0x7d]));
    expect(a).not.toBe(b);
  });

  it('tells apart long bodies that differ in one byte, and keeps long keys short', () => {
    const long = `{"query":"{ events { totalCount } }","x":"${'a'.repeat(10_000)}"}`;
    const a = keyOf(cache, request('/graphql'), long);
    const b = keyOf(cache, request('/graphql'), long.replace(/a"}$/, 'b"}'));
    expect(a).not.toBeNull();
    expect(a).not.toBe(b);
    expect(a?.length).toBeLessThan(100);
  });

  it('does not look up other routes, other methods, GraphiQL pages or large bodies', () => {
    expect(keyOf(cache, request('/health'), body)).toBeNull();
    expect(keyOf(cache, request('/graphql', {}, 'PUT'), body)).toBeNull();
    expect(keyOf(cache, request('/graphql', { accept: 'text/html' }, 'GET'), '')).toBeNull();
    expect(keyOf(cache, request('/graphql'), 'x'.repeat(64 * 1024 + 1))).toBeNull();
  });
});

describe('the target a request is keyed under', () => {
  it('is the plain endpoint as it came', () => {
    expect(targetOf(request('/graphql'))).toEqual({ path: '/graphql', pathAndQuery: '/graphql' });
    expect(targetOf(request('/graphql?query=%7B__typename%7D'))).toEqual({ path: '/graphql', pathAndQuery: '/graphql?query=%7B__typename%7D' });
  });

  it('is any other target as a URL parser reads it', () => {
    expect(targetOf(request('http://example.org/graphql?a=1'))).toEqual({ path: '/graphql', pathAndQuery: '/graphql?a=1' });
    expect(targetOf(request('/x/../graphql'))).toEqual({ path: '/graphql', pathAndQuery: '/graphql' });
    expect(targetOf(request('/graphiql?x'))).toEqual({ path: '/graphiql', pathAndQuery: '/graphiql?x' });
  });
});

describe('what the response cache keeps', () => {
  it('keeps an answer asked for since it was stored when evicting, and drops the oldest unasked one', () => {
    const cache = new HttpResponseCache(source());
    // One more than the 5,000 entries it keeps.
    for (let i = 0; i < 5000; i++) cache.store(`k${i}`, 0, answer(`{"data":${i}}`));
    expect(cache.get('k0')).toBeDefined();
    cache.store('k5000', 0, answer('{"data":5000}'));
    expect(cache.get('k0')?.body.toString()).toBe('{"data":0}');
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k2')).toBeDefined();
    expect(cache.get('k5000')).toBeDefined();
  });

  it('counts an answer stored twice under one key once (two requests that missed at the same time)', () => {
    const cache = new HttpResponseCache(source());
    const big = `{"data":"${'x'.repeat(1024 * 1024)}"}`;
    // 130 × 1 MB under one key is 1 MB kept, well under the 128 MB bound.
    for (let i = 0; i < 130; i++) cache.store('same', 0, answer(big));
    cache.store('other', 0, answer('{"data":1}'));
    expect(cache.get('same')).toBeDefined();
    expect(cache.get('other')).toBeDefined();
  });

  it('keeps nothing across a reload, nor an answer computed before it', () => {
    const content = source();
    const cache = new HttpResponseCache(content);
    const generation = cache.generation;
    cache.store('a', generation, answer('{"data":1}'));
    content.reload();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.store('b', generation, answer('{"data":2}'))).not.toBeNull();
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps only clean JSON answers', () => {
    const cache = new HttpResponseCache(source());
    expect(cache.store('a', 0, answer('{"errors":[{"message":"no"}]}'))).toBeNull();
    expect(cache.store('b', 0, { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('<p>') })).toBeNull();
    expect(cache.store('c', 0, { ...answer('{"data":1}'), status: 500 })).toBeNull();
  });
});
