/** A promise that did not settle in the time it was given. */
export class TimedOut extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/**
 * `work`'s outcome, or TimedOut after `ms`. The work is not cancelled (a stuck file read cannot
 * be), only no longer waited for; `onLate` hears its outcome if it ever comes, to release what it
 * holds.
 */
export function within<T>(work: Promise<T>, ms: number, onLate?: (outcome: PromiseSettledResult<T>) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      late = true;
      fail(new TimedOut(ms));
    }, ms);
    timer.unref();
  });
  work.then(
    (value) => {
      clearTimeout(timer);
      if (late) onLate?.({ status: 'fulfilled', value });
    },
    (reason: unknown) => {
      clearTimeout(timer);
      if (late) onLate?.({ status: 'rejected', reason });
    },
  );
  return Promise.race([work, timeout]);
}
