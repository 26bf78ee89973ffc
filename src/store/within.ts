/** A promise that did not settle in the time it was given. */
export class TimedOut extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/**
 * `work`'s outcome, or TimedOut once it has gone `ms` without progress. `work` is started with
 * `progress`, which it calls as each of its steps completes. A read is several system calls, and
 * on a busy event loop each waits its turn behind other pages' parsing, so a whole read can take
 * long without anything being stuck; a read from a file system that stopped answering makes no
 * progress at all. The verdict also waits for one turn of the loop: after a long synchronous
 * task, timers run before the I/O that finished meanwhile is seen, and that I/O is progress.
 *
 * The work is not cancelled (a stuck file read cannot be), only no longer waited for; `onLate`
 * hears its outcome if it ever comes, to release what it holds.
 */
export function unlessStalled<T>(work: (progress: () => void) => Promise<T>, ms: number, onLate?: (outcome: PromiseSettledResult<T>) => void): Promise<T> {
  let last = performance.now();
  let settled = false;
  let late = false;
  let timer: NodeJS.Timeout | undefined;
  let fail: (error: TimedOut) => void = () => undefined;
  const timeout = new Promise<never>((_, reject) => (fail = reject));
  const arm = (delay: number) => {
    timer = setTimeout(() => setImmediate(judge).unref(), delay);
    timer.unref();
  };
  const judge = () => {
    if (settled) return;
    const quiet = performance.now() - last;
    if (quiet < ms) return arm(ms - quiet);
    late = true;
    fail(new TimedOut(ms));
  };
  arm(ms);
  const running = work(() => (last = performance.now()));
  running.then(
    (value) => {
      settled = true;
      clearTimeout(timer);
      if (late) onLate?.({ status: 'fulfilled', value });
    },
    (reason: unknown) => {
      settled = true;
      clearTimeout(timer);
      if (late) onLate?.({ status: 'rejected', reason });
    },
  );
  return Promise.race([running, timeout]);
}
