import { randomUUID } from 'node:crypto';

/**
 * An id a caller (a proxy, a load balancer, a client) may choose: short, and nothing a log line or
 * a response header could be forged with.
 */
const CALLER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The caller's `x-request-id` when it is a short safe token, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && CALLER_ID.test(header) ? header : randomUUID();
}

const ids = new WeakMap<Request, string>();

/** The id of a request, the same for every plugin that asks (chosen by the first). */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) ids.set(request, (id = requestIdFrom(request.headers.get('x-request-id'))));
  return id;
}
