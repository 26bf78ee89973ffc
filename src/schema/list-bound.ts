import type { GraphQLField } from 'graphql';
import type { ListKind } from '../queries/longest-lists.js';

/**
 * How long a list field can be when it takes no `first`: at most the longest list of its kind in
 * the request's graph (an event's talks), or one item per element of a list argument
 * (`nodes(ids:)`). Each field declares it beside its resolver, as a GraphQL field extension, and
 * the cost estimator reads it: a list priced by a guess is how a small request once asked for an
 * 80 MB answer.
 */
export type ListBound = { readonly longest: ListKind } | { readonly argument: string };

/** The extension key; only this module reads or writes it. */
const KEY = 'listBound';

/**
 * Field options for a list no longer than the longest of `kind` in the graph.
 * @returns Options to spread into the field's definition.
 */
export function boundedBy(kind: ListKind): { extensions: Readonly<Record<string, ListBound>> } {
  return { extensions: { [KEY]: { longest: kind } } };
}

/**
 * Field options for a list of one item per element of its list argument `name`.
 * @returns Options to spread into the field's definition.
 */
export function sizedByArgument(name: string): { extensions: Readonly<Record<string, ListBound>> } {
  return { extensions: { [KEY]: { argument: name } } };
}

/**
 * What a field declared with `boundedBy` or `sizedByArgument`.
 * @returns The bound, or null when the field declared none.
 */
export function listBoundOf(field: GraphQLField<unknown, unknown>): ListBound | null {
  const bound = field.extensions[KEY];
  return typeof bound === 'object' && bound !== null ? (bound as ListBound) : null;
}
