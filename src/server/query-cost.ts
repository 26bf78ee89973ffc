import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { ListKind } from '../queries/longest-lists.js';
import { listBoundOf } from '../schema/list-bound.js';
import { DEFAULT_PAGE_SIZE } from '../schema/page-size.js';

/**
 * Prices a query as the number of objects its answer can hold in a graph whose longest list of
 * each kind is `longest(kind)`: an object field costs 1 plus its selection; a list multiplies that by the most items
 * it can return: its `first` (or `last`, or a connection's default page), the length of the list
 * argument it declares (`nodes(ids:)`), or the longest list of its kind in the graph (an event's
 * talks). Scalars are free, being read from memory with their object. The edges of a connection
 * are not multiplied again: the connection field already was.
 */
export function costEstimator(longest: (kind: ListKind) => number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection is bounded by the schema's size, not by the query's: GraphiQL's must pass.
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    const fieldType = getNullableType(field.type);
    if (isLeafType(getNamedType(fieldType))) return 0;
    const own = 1 + childComplexity;
    if (isConnection(field)) return own * (sizeArgument(args) ?? DEFAULT_PAGE_SIZE);
    if (!isListType(fieldType) || insideConnection(type)) return own;
    return own * listLength(field, args, longest);
  };
}

/**
 * The object lists of `schema` that nothing sizes (no `first` or `last`, no declared bound):
 * the estimator could not price them, so the service refuses to start with any.
 * @returns `Type.field` of each.
 */
export function unsizedLists(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type)) || insideConnection(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const fieldType = getNullableType(field.type);
      if (!isListType(fieldType) || isLeafType(getNamedType(fieldType)) || isConnection(field)) continue;
      const sized = field.args.some((a) => a.name === 'first' || a.name === 'last') || listBoundOf(field) !== null;
      if (!sized) out.push(`${type.name}.${field.name}`);
    }
  }
  return out;
}

/** The most items a plain list field can return for these arguments in this graph. */
function listLength(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, longest: (kind: ListKind) => number): number {
  const bound = listBoundOf(field);
  if (bound && 'argument' in bound) {
    const given = args[bound.argument];
    return Array.isArray(given) ? given.length : 0;
  }
  const size = sizeArgument(args);
  if (size !== null) return size;
  if (bound) return longest(bound.longest);
  // unsizedLists keeps the service from starting with such a field.
  throw new Error(`no size for list field ${field.name}`);
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

function insideConnection(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection');
}

/** `first`, else `last`, as given (defaults applied); null when neither is. */
function sizeArgument(args: Record<string, unknown>): number | null {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return null;
}
