/** A value that may be a promise, as Yoga's and envelop's hooks return. */
export type MaybePromise<T> = T | PromiseLike<T>;

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Calls `call` on each hook in order, as @whatwg-node/promise-helpers' `iterateAsync` does for
 * Yoga and envelop: a hook's truthy result (resolved, if it is a promise) goes to `results`, and
 * `stop()` ends the loop after the current hook. Unlike it, no promise or wrapper object is made
 * while the hooks answer synchronously, which they almost all do: `iterateAsync` allocated a
 * fake promise per step, a sizeable share of an uncached answer's CPU and garbage.
 * @returns A promise only when a hook returned one.
 */
export function runHooks<H>(hooks: readonly H[], call: (hook: H, stop: () => void) => unknown, results?: unknown[]): void | Promise<void> {
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  for (let i = 0; i < hooks.length; i++) {
    const out = call(hooks[i] as H, stop);
    if (isPromiseLike(out)) {
      return Promise.resolve(out).then((value) => {
        if (value) results?.push(value);
        if (!stopped) return runHooks(hooks.slice(i + 1), call, results);
      });
    }
    if (out) results?.push(out);
    if (stopped) return;
  }
}
