import type { Log } from '../model/log.js';

/** An error an answer carried, as its request's line records it. */
export interface AnsweredError {
  readonly code?: string;
  readonly message?: string;
}

/** What one request's line says. */
export interface RequestLine {
  readonly requestId: string;
  readonly method: string;
  /** Path only: a GET's query string holds the whole operation and its variables. */
  readonly path: string;
  readonly status: number;
  /** From the request's arrival to its answer's headers (a stream's start, for a subscription). */
  readonly ms?: number;
  readonly operationName?: string | readonly string[];
  readonly errors?: readonly AnsweredError[];
  /** Answered from the response cache, without Yoga. */
  readonly cache?: 'hit';
}

/** Errors listed per line at most; `errorCount` tells how many there were. */
const MAX_ERRORS = 10;
/** Characters kept of an error's message: messages quote what the client sent, which may be long. */
const MAX_MESSAGE = 200;

/**
 * One line per request. A clean answer is logged at debug: a cached answer costs about as much
 * as the line would, at tens of thousands per second. An answer with errors, or a status of 400
 * and above, is logged at info: the client's mistakes are the record of what was refused (an
 * attack shows here), while the operator has nothing to fix, so not warn. An internal error
 * has its own line at error, with its stack (see use-request-log.ts).
 */
export function logRequest(log: Log, line: RequestLine): void {
  const message = `${line.method} ${line.path} ${line.status}`;
  const errors = line.errors ?? [];
  if (errors.length === 0 && line.status < 400) {
    log.debug(line, message);
    return;
  }
  const listed = errors.slice(0, MAX_ERRORS).map((e) => (e.message && e.message.length > MAX_MESSAGE ? { ...e, message: `${e.message.slice(0, MAX_MESSAGE)}…` } : e));
  log.info({ ...line, ...(listed.length > 0 ? { errors: listed } : {}), ...(errors.length > MAX_ERRORS ? { errorCount: errors.length } : {}) }, message);
}

/** Milliseconds since `started` (a `performance.now()`), to a tenth. */
export function msSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
