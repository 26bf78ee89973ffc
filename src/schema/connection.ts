import { graphqlError } from './errors.js';
import { checkedSize, DEFAULT_PAGE_SIZE } from './page-size.js';

/** Relay pagination over an ordered list, with cursors that name an item rather than a position. */

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number;
}

/**
 * Slices `items` by first/after/last/before. A cursor encodes the item's key, so a page stays
 * anchored to the same item when content reloads; `first` and `last` above the cap are refused
 * with a clear error instead of being silently cut.
 */
export function connectionOf<T>(items: readonly T[], args: PageArgs, keyOf: (item: T) => string): Connection<T> {
  const first = checkedSize('first', args.first);
  const last = checkedSize('last', args.last);
  let start = 0;
  let end = items.length;
  if (args.after) start = positionOf(items, args.after, keyOf) + 1;
  if (args.before) end = Math.max(start, positionOf(items, args.before, keyOf));
  if (first !== null) end = Math.min(end, start + first);
  else if (last !== null) start = Math.max(start, end - last);
  else end = Math.min(end, start + DEFAULT_PAGE_SIZE);
  const edges = items.slice(start, end).map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

function positionOf<T>(items: readonly T[], cursor: string, keyOf: (item: T) => string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:')) {
    throw graphqlError('BAD_USER_INPUT', { problem: 'foreign-cursor', cursor });
  }
  const key = decoded.slice(2);
  const at = items.findIndex((item) => keyOf(item) === key);
  if (at === -1) {
    throw graphqlError('BAD_USER_INPUT', { problem: 'stale-cursor' });
  }
  return at;
}
