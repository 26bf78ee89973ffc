/** Helpers shared by the in-process search benches. */

/** The value at quantile `q` of ascending `sorted`, as text with two decimals. */
export function pick(sorted: readonly number[], q: number): string {
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN).toFixed(2);
}

/** Bytes in use after a collection (when run with --expose-gc), typed arrays included. */
export function heap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  // Typed arrays keep their bytes outside the JS heap: both count.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
