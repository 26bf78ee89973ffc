/**
 * Relations between graph objects are id lists into the graph's own maps: looking them up is a
 * map read, so resolvers return the objects at once. A DataLoader here cost a promise and a batch
 * per field for nothing to batch (the uncached aggregate ran at 17 ms a request with it, 7 ms
 * without, at 1,000 pages).
 */

/** The objects `ids` name, in order (ids come from the graph itself, so all are there). */
export function objectsOf<T>(map: ReadonlyMap<string, T>, ids: readonly string[]): T[] {
  const found: T[] = [];
  for (const id of ids) {
    const object = map.get(id);
    if (object !== undefined) found.push(object);
  }
  return found;
}

/** The object `id` names, for a relation that always has one (a talk's event). */
export function objectOf<T>(map: ReadonlyMap<string, T>, id: string): T {
  const object = map.get(id);
  if (object === undefined) throw new Error(`the graph has no object with id "${id}"`);
  return object;
}
