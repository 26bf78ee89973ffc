import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses, at validation, an operation of a kind the schema has no root type for (this API has
 * queries and subscriptions, no mutations). graphql-js leaves that to execution, where
 * graphql-jit throws a plain Error: a client's mistake answered as a masked 500.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations: it is read-only.`, { nodes: node }));
    }
  },
});

export function useKnownOperationTypes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(knownOperationTypes);
    },
  };
}
