import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { apiError, apiErrorStatus } from '../model/api-errors.js';

/** Deeper than any input type of the schema nests; enough for any honest request. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Variables nested deeper than MAX_VARIABLE_DEPTH are refused with a 400 before anything reads
 * them: the cost estimator's key and graphql-js' coercion recurse per level, and 60,000 levels
 * overflowed the stack into a 500.
 */
export function useVariableDepth(): Plugin {
  return {
    onParams({ params }) {
      const depth = depthOf(params.variables, MAX_VARIABLE_DEPTH + 1);
      if (depth > MAX_VARIABLE_DEPTH) {
        const { message, extensions } = apiError('BAD_USER_INPUT', { problem: 'variables-too-deep', max: MAX_VARIABLE_DEPTH });
        throw createGraphQLError(message, { extensions: { ...extensions, http: { status: apiErrorStatus('BAD_USER_INPUT') } } });
      }
    },
  };
}

/** How deep a JSON value nests, counted without recursion and no further than `stop`. */
function depthOf(value: unknown, stop: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest >= stop) return deepest;
    for (const child of Array.isArray(top.value) ? top.value : Object.values(top.value)) stack.push({ value: child, depth });
  }
  return deepest;
}
