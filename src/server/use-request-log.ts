import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, maskError as yogaMaskError, type MaskError, type Plugin } from 'graphql-yoga';
import type { Log } from '../model/log.js';
import { requestIdOf } from './request-id.js';
import { logRequest, msSince, type AnsweredError } from './request-log.js';

/** What a request's line needs, gathered while Yoga answers it. */
interface Pending {
  readonly started: number;
  readonly operations: string[];
  readonly errors: AnsweredError[];
}

/** Masked errors → what they hide, for the log only. */
const hidden = new WeakMap<GraphQLError, unknown>();

/**
 * Yoga's masking, remembering what each masked error hid: masking has no request at hand, the
 * result it ends up in does (see useRequestLog).
 */
export const maskErrorRemembering: MaskError = (error, message, isDev) => {
  const masked = yogaMaskError(error, message, isDev);
  if (masked !== error && masked instanceof GraphQLError) hidden.set(masked, error);
  return masked;
};

/**
 * Gives every request an id (the caller's `x-request-id` when it is a short safe token), sends
 * it back as `x-request-id`, and writes the request's line (request-log.ts). An internal error
 * (one Yoga masks, see maskErrorRemembering) is logged at error with what it hid, stack and all,
 * while the answer keeps the masked message plus `extensions.requestId` for the user to quote.
 */
export function useRequestLog(log: Log): Plugin {
  const pending = new WeakMap<Request, Pending>();
  const errorsOf = (request: Request, result: ExecutionResult): ExecutionResult => {
    if (!result.errors?.length) return result;
    const requestId = requestIdOf(request);
    const errors = pending.get(request)?.errors;
    let internal = false;
    for (const error of result.errors) {
      const code = error.extensions?.code;
      errors?.push({ ...(typeof code === 'string' ? { code } : {}), message: error.message });
      const original = hidden.get(error);
      if (original === undefined) continue;
      internal = true;
      const err = innermost(original);
      log.error({ requestId, err, ...(error.path ? { path: error.path.join('.') } : {}) }, `internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!internal) return result;
    return { ...result, errors: result.errors.map((error) => (hidden.has(error) ? withRequestId(error, requestId) : error)) };
  };
  return {
    // Before any onRequest hook, so requests Yoga's own hooks answer (CORS preflights, GraphiQL) are timed too.
    instrumentation: {
      request({ request }, wrapped) {
        pending.set(request, { started: performance.now(), operations: [], errors: [] });
        return wrapped();
      },
    },
    onParams({ request, params }) {
      if (params.operationName) pending.get(request)?.operations.push(params.operationName);
    },
    onResultProcess({ request, result, setResult }) {
      if (isAsyncIterable(result)) setResult(mapAsyncIterator(result, (value) => errorsOf(request, value)));
      else if (Array.isArray(result)) setResult(result.map((r) => errorsOf(request, r)));
      else setResult(errorsOf(request, result));
    },
    async onResponse({ request, response }) {
      try {
        const requestId = requestIdOf(request);
        response.headers.set('x-request-id', requestId);
        const state = pending.get(request);
        const errors = state?.errors.length ? state.errors : await routeErrors(response);
        const operations = state?.operations ?? [];
        logRequest(log, {
          requestId,
          method: request.method,
          path: pathOf(request.url),
          status: response.status,
          ...(state ? { ms: msSince(state.started) } : {}),
          ...(operations.length > 0 ? { operationName: operations.length === 1 ? operations[0] : operations } : {}),
          ...(errors.length > 0 ? { errors } : {}),
        });
      } catch (error) {
        // The Node adapter answers a hook's exception with its stack: say it here instead.
        log.error({ err: error }, 'request log failed');
      }
    },
  };
}

let lastUrl = '';
let lastPath = '';

/**
 * The path of a request's URL as a URL parser reads it, parsed once for a run of requests to the
 * same URL (every POST to the endpoint): a parse was about 5 µs of an uncached answer's CPU.
 */
export function pathOf(url: string): string {
  if (url !== lastUrl) {
    lastPath = new URL(url, 'http://localhost').pathname;
    lastUrl = url;
  }
  return lastPath;
}

/**
 * The codes of an answer GraphQL did not make (the routes' own: health, calendars, GET
 * parameters): the calendars name theirs in `x-error-code`, the others answer a small JSON
 * `{ errors }`, read from a copy of the body.
 */
async function routeErrors(response: Response): Promise<AnsweredError[]> {
  if (response.status < 400) return [];
  const code = response.headers.get('x-error-code');
  if (code) return [{ code }];
  if (!/json/i.test(response.headers.get('content-type') ?? '') || !response.body) return [];
  try {
    const body = (await response.clone().json()) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    return (body.errors ?? []).map((e) => ({
      ...(typeof e.extensions?.code === 'string' ? { code: e.extensions.code } : {}),
      ...(typeof e.message === 'string' ? { message: e.message } : {}),
    }));
  } catch {
    return [];
  }
}

/** The error a resolver or a hook threw, under the GraphQLErrors that located it. */
function innermost(error: unknown): unknown {
  let inner = error;
  while (inner instanceof GraphQLError && inner.originalError) inner = inner.originalError;
  return inner;
}

function withRequestId(error: GraphQLError, requestId: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, requestId },
  });
}
