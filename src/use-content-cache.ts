import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { defaultBuildResponseCacheKey } from '@envelop/response-cache';
import type { Plugin } from 'graphql-yoga';
import type { GraphSource } from './yoga.js';

/** Event lists may depend on the clock (`timing: UPCOMING`); they are recomputed this often. */
const CLOCK_DEPENDENT_TTL_MS = 60_000;

/**
 * Caches whole responses: content only changes on reload, so an answer stays right until then.
 * Each reload starts an empty cache and a new cache-key generation, so neither an answer nor an
 * ETag from before the change is served after it (a stale `If-None-Match` gets a full 200).
 * ETag / 304 come from Yoga's response-cache plugin.
 */
export function useContentCache(source: GraphSource): Plugin {
  let generation = 0;
  let cache = createInMemoryCache({ max: 5000 });
  source.onChange?.(() => {
    generation++;
    cache = createInMemoryCache({ max: 5000 });
  });
  const current: Cache = {
    get: (key) => cache.get(key),
    // An answer computed on the graph before a reload, finishing after it, is not kept.
    set: (key, ...rest) => (key.startsWith(`${generation}-`) ? cache.set(key, ...rest) : undefined),
    invalidate: (...args) => cache.invalidate(...args),
  };
  return useResponseCache({
    session: () => null,
    cache: current,
    ttlPerSchemaCoordinate: { 'Query.events': CLOCK_DEPENDENT_TTL_MS },
    buildResponseCacheKey: async (params) => `${generation}-${await defaultBuildResponseCacheKey(params)}`,
  });
}
