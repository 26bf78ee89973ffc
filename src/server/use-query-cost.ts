import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { longestList } from '../queries/longest-lists.js';
import type { Context } from '../schema/context.js';
import { graphqlError } from '../schema/errors.js';
import { costEstimator, unsizedLists } from './query-cost.js';

/** Variable sets remembered per document; a client cycling through more only costs a walk each. */
const MAX_REMEMBERED_VARIABLES = 256;

/**
 * Refuses operations whose estimated cost (query-cost.ts), added to that of the request's other
 * operations (a batch), is above `maxCost`. It runs at execution, not validation, because
 * `first: $n` and `nodes(ids: $ids)` are only known with the request's variables (and Yoga caches
 * validation per document, not per variables), and because lists are priced by the request's
 * own graph.
 * @throws When `schema` has a list the estimator cannot size, so such a field never ships unpriced.
 */
export function useQueryCost(schema: GraphQLSchema, maxCost: number): Plugin<Context> {
  const unsized = unsizedLists(schema);
  if (unsized.length > 0) throw new Error(`These lists take no first and declare no bound (schema/list-bound.ts): ${unsized.join(', ')}`);
  // Yoga's parse cache hands the same DocumentNode to repeated queries, so their cost is computed
  // once per document, variables and graph version rather than walked again on every request.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  // The operations of one batched request share one budget: ten operations of 90% each are 900%.
  const spentByRequest = new WeakMap<object, number>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const { graph } = context;
      const key = `${graph.version}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
      let known = costs.get(args.document);
      if (!known) costs.set(args.document, (known = new Map()));
      let cost = known.get(key);
      if (cost === undefined) {
        cost = getComplexity({
          schema: args.schema,
          query: args.document,
          variables: args.variableValues ?? undefined,
          operationName: args.operationName ?? undefined,
          estimators: [costEstimator((kind) => longestList(graph, kind))],
        });
        if (known.size >= MAX_REMEMBERED_VARIABLES) known.clear();
        known.set(key, cost);
      }
      const request: object | undefined = context.request;
      const spent = (request ? spentByRequest.get(request) : undefined) ?? 0;
      if (request) spentByRequest.set(request, spent + cost);
      if (spent + cost > maxCost) setResultAndStopExecution({ errors: [graphqlError('COST_LIMIT_EXCEEDED', { cost, spent, maxCost })] });
    },
  };
}
