import { GraphQLError } from 'graphql';

/** Relay pagination over an ordered list, with cursors that name an item rather than a position. */

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

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
  const first = checkSize('first', args.first);
  const last = checkSize('last', args.last);
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

/** A list size argument, refused above the cap like `first` on connections. */
export function pageSize(name: string, value: number): number {
  return checkSize(name, value) ?? value;
}

function checkSize(name: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) {
    throw new GraphQLError(`"${name}" must be a non-negative integer`, { extensions: { code: 'BAD_USER_INPUT', argument: name } });
  }
  if (value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"${name}" is ${value}, above the limit of ${MAX_PAGE_SIZE} per page; page through with "after"`, {
      extensions: { code: 'BAD_USER_INPUT', argument: name, max: MAX_PAGE_SIZE },
    });
  }
  return value;
}

export function encodeCursor(key: string): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

function positionOf<T>(items: readonly T[], cursor: string, keyOf: (item: T) => string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:')) {
    throw new GraphQLError(`"${cursor}" is not a cursor this API issued`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const key = decoded.slice(2);
  const at = items.findIndex((item) => keyOf(item) === key);
  if (at === -1) {
    throw new GraphQLError('the cursor points at an item that is no longer in this list; start again without "after"/"before"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return at;
}
