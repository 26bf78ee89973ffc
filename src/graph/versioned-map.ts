/** Past this many changed keys, a version is compacted into one plain map again. */
const MAX_PATCH = 2048;

/**
 * A read-only map whose next version with a few entries changed costs as much as those entries,
 * not a copy of every entry: one plain map shared between versions plus the entries changed
 * since it was made. Iteration follows `ordered`, which must yield exactly the entries that
 * `get` finds: the graph keeps its maps in page order, which a patch alone could not keep.
 */
export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    /** Changed entries; `undefined` is a deleted key (values are never undefined). */
    private readonly patch: ReadonlyMap<K, V | undefined>,
    readonly size: number,
    private readonly ordered: () => Iterable<readonly [K, V]>,
  ) {}

  static of<K, V>(ordered: () => Iterable<readonly [K, V]>): VersionedMap<K, V> {
    const base = new Map(ordered());
    return new VersionedMap(base, new Map(), base.size, ordered);
  }

  /** A new version with `changes` applied (`undefined` deletes), iterated as `ordered` says. */
  with(changes: ReadonlyMap<K, V | undefined>, ordered: () => Iterable<readonly [K, V]>): VersionedMap<K, V> {
    if (this.patch.size + changes.size > Math.max(MAX_PATCH, this.base.size / 8)) return VersionedMap.of(ordered);
    let size = this.size;
    const patch = new Map(this.patch);
    for (const [key, value] of changes) {
      size += (value === undefined ? 0 : 1) - (this.has(key) ? 1 : 0);
      patch.set(key, value);
    }
    return new VersionedMap(this.base, patch, size, ordered);
  }

  get(key: K): V | undefined {
    return this.patch.has(key) ? this.patch.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.ordered()) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.ordered()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.ordered()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.ordered()) callback.call(thisArg, value, key, this);
  }
}
