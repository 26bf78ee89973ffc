/**
 * Keeping a sorted list sorted as a few items come and go: cheaper than sorting again, and the
 * same result whenever `compare` is a total order.
 */

/** A copy of `list` without `removed` and with `added`, sorted by `compare`. */
export function resorted<T>(list: readonly T[], removed: ReadonlySet<T>, added: readonly T[], compare: (a: T, b: T) => number): T[] {
  const kept = removed.size ? list.filter((x) => !removed.has(x)) : [...list];
  // Many changes (a first build): one sort beats many insertions.
  if (added.length > 64 && added.length * 8 > kept.length) return [...kept, ...added].sort(compare);
  for (const item of added) kept.splice(lowerBound(kept, item, compare), 0, item);
  return kept;
}

/** The first index whose item does not sort before `item`. */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid] as T, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where in the content something first appears: by page path, then by its index on the page. */
export function byPlace(a: { readonly path: string; readonly index: number }, b: { readonly path: string; readonly index: number }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.index - b.index;
}
