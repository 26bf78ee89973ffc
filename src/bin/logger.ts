import { destination, pino, stdTimeFunctions } from 'pino';
import type { Log } from '../model/log.js';

/** The levels `--log-level` takes: the Log's four, and silent. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The service's log: one JSON object per line on stdout (pino), with `level` as a word, `time`
 * in ISO 8601, `msg` written for a person and the rest as fields. Lines are written as they are
 * logged, not buffered: the last ones before an exit (or a SIGKILL) must not be lost.
 */
export function createLogger(level: LogLevel): Log {
  return pino(
    {
      level,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination({ dest: 1, sync: true }),
  );
}
