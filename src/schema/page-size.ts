import { graphqlError } from './errors.js';

/** Items in a page of a connection when `first` / `last` are not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most items one page of any list may hold; more is refused, not cut. */
export const MAX_PAGE_SIZE = 100;

/**
 * A size argument (`first`, `last`) as given: null when absent; refused when negative or above
 * MAX_PAGE_SIZE, with an error naming the argument.
 */
export function checkedSize(argument: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw graphqlError('BAD_USER_INPUT', { problem: 'negative-size', argument });
  if (value > MAX_PAGE_SIZE) throw graphqlError('BAD_USER_INPUT', { problem: 'size-above-limit', argument, value, max: MAX_PAGE_SIZE });
  return value;
}

/** The `first` argument of a plain list (top speakers, related talks): its default and its limit in one place. */
export function listSizeArg(defaultValue: number): { defaultValue: number; description: string } {
  return { defaultValue, description: `How many (at most ${MAX_PAGE_SIZE}).` };
}

/** How many items of a plain list to return. */
export function listSize(value: number | null | undefined, defaultValue: number): number {
  return checkedSize('first', value) ?? defaultValue;
}
