import type { Plugin } from 'graphql-yoga';
import { apiError, apiErrorStatus } from '../model/api-errors.js';

export interface Health {
  /** Whether the content is loaded: until it is, GraphQL and the calendars answer 503. */
  readonly loaded: () => boolean;
  /**
   * Whether the process is shutting down: `/readyz` then says "not ready" so a load balancer
   * sends nothing new, while requests that still come are answered.
   */
  readonly draining: () => boolean;
  /**
   * Why the process should get no new traffic although it answers (the content folder is gone,
   * so what it serves may be stale), or null.
   */
  readonly problem?: () => string | null;
}

/**
 * `/healthz` (200 as soon as the process listens), `/readyz` (200 once the content is loaded,
 * 503 before and while draining), `/` (to GraphiQL), and 503 with `Retry-After` for everything
 * else until the content is loaded, so a load balancer sends no traffic to a process still
 * reading pages.
 */
export function useHealth(health: Health): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
        new fetchAPI.Response(JSON.stringify(value), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
        });
      if (url.pathname === '/' || url.pathname === '') {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: '/graphql' } }));
        return;
      }
      if (url.pathname === '/healthz') {
        endResponse(json(200, { status: 'ok' }));
        return;
      }
      const loaded = health.loaded();
      if (url.pathname === '/readyz') {
        const problem = health.problem?.() ?? null;
        const ready = loaded && !health.draining() && problem === null;
        endResponse(json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...(problem ? { reason: problem } : {}) }));
        return;
      }
      if (!loaded) endResponse(json(apiErrorStatus('NOT_READY'), { errors: [apiError('NOT_READY')] }, { 'retry-after': '1' }));
    },
  };
}
