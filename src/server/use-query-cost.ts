import { getNamedType, getNullableType, isLeafType, isListType, type DocumentNode, type GraphQLField, type GraphQLCompositeType } from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { graphqlError } from '../schema/errors.js';
import { DEFAULT_PAGE_SIZE } from '../schema/page-size.js';

/**
 * A list without a size argument (an event's talks, a talk's speakers) is priced as this many
 * items: meetup pages hold a handful of talks and speakers per talk, so 5 is a generous average
 * that still makes nested lists grow as fast as they cost.
 */
export const UNSIZED_LIST_ITEMS = 5;

/** Variable sets remembered per document; a client cycling through more only costs a walk each. */
const MAX_REMEMBERED_VARIABLES = 256;

/**
 * Estimated objects a query resolves: an object field costs 1 plus its selection; a list
 * multiplies that by its `first` (or `last`, or the default page size of a connection, or
 * UNSIZED_LIST_ITEMS); scalars are free, being read from memory with their object.
 * The edges of a connection are not multiplied again: the connection field already was.
 */
export function estimateField({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // Introspection is bounded by the schema's size, not by the query's: GraphiQL's must pass.
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const fieldType = getNullableType(field.type);
  if (isLeafType(getNamedType(fieldType))) return 0;
  const own = 1 + childComplexity;
  if (isConnection(field)) return own * sizeArgument(args, DEFAULT_PAGE_SIZE);
  if (!isListType(fieldType)) return own;
  if (insideConnection(type)) return own;
  return own * sizeArgument(args, UNSIZED_LIST_ITEMS);
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

function insideConnection(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection');
}

function sizeArgument(args: Record<string, unknown>, fallback: number): number {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return fallback;
}

/**
 * Refuses operations whose estimated cost, added to that of the request's other operations (a
 * batch), is above `maxCost`. It runs at execution, not
 * validation, because `first: $n` is only known with the request's variables (and Yoga caches
 * validation per document, not per variables).
 */
export function useQueryCost(maxCost: number): Plugin {
  // Yoga's parse cache hands the same DocumentNode to repeated queries, so their cost is computed
  // once per document and variables rather than walked again on every request.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  // The operations of one batched request share one budget: ten operations of 90% each are 900%.
  const spentByRequest = new WeakMap<object, number>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
      let known = costs.get(args.document);
      if (!known) costs.set(args.document, (known = new Map()));
      let cost = known.get(key);
      if (cost === undefined) {
        cost = getComplexity({
          schema: args.schema,
          query: args.document,
          variables: args.variableValues ?? undefined,
          operationName: args.operationName ?? undefined,
          estimators: [estimateField],
        });
        if (known.size >= MAX_REMEMBERED_VARIABLES) known.clear();
        known.set(key, cost);
      }
      const request = (args.contextValue as { request?: object } | undefined)?.request;
      const spent = (request ? spentByRequest.get(request) : undefined) ?? 0;
      if (request) spentByRequest.set(request, spent + cost);
      if (spent + cost > maxCost) setResultAndStopExecution({ errors: [graphqlError('COST_LIMIT_EXCEEDED', { cost, spent, maxCost })] });
    },
  };
}
