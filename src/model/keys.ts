const keys = new Map<string, string>();

/** The key under which two spellings of a person's name are the same person. */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    // Names recur on every rebuild of the graph; the set of names is bounded by the content.
    if (keys.size > 100_000) keys.clear();
    keys.set(name, key);
  }
  return key;
}
