/**
 * Where the service reports what it does: pino's call shape, so the command hands its logger to
 * every stage while no stage but bin/ depends on pino. An error goes in `fields.err`, where the
 * logger writes its message and stack.
 */
export interface Log {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /**
   * Whether a line at `level` would be written (pino's): lets the hottest paths skip building a
   * line nobody reads. Absent means yes.
   */
  isLevelEnabled?(level: 'debug' | 'info' | 'warn' | 'error'): boolean;
}

const nothing = (): void => undefined;

/** Says nothing: the default of library code and tests that don't read the log. */
export const silentLog: Log = { debug: nothing, info: nothing, warn: nothing, error: nothing };

/**
 * Messages to the console without their fields (debug dropped): for code used without a logger
 * (tests, scripts) whose messages should still be seen.
 */
export const consoleLog: Log = {
  debug: nothing,
  info: (_, message) => console.log(message),
  warn: (_, message) => console.warn(message),
  error: (fields, message) => console.error(message, (fields as { err?: unknown }).err ?? ''),
};
