import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

const NAME = '"[_A-Za-z][_0-9A-Za-z]*"';
/**
 * graphql-js' `didYouMean` sentence, as validation and variable coercion append it: ` Did you
 * mean "a"?`, `… "a" or "b"?`, `… "a", "b", or "c"?`, with a lead-in for some (`the enum value`,
 * `to use an inline fragment on`). Suggested names are GraphQL names, so a quote ends each.
 */
const SUGGESTION = new RegExp(` ?Did you mean (?:[a-z]+ )*${NAME}(?:, ${NAME})*(?:,? or ${NAME})?\\?`, 'g');

/**
 * Public deployment: no error message names a field, argument, enum value, input field or type
 * the client did not write, so a typo cannot be used to map the schema with introspection off.
 * GraphQL Armor's blockFieldSuggestion rewrites validation errors only, and only the plain
 * `Did you mean "…"?`: enum values (`the enum value "…"`), inline-fragment hints, and every error
 * of variable coercion (which runs at execution, after validation) kept theirs. This runs on the
 * result as it is sent, whatever made the error: validation, coercion, POST, GET, batches,
 * persisted operations.
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) setResult(mapAsyncIterator(result, withoutSuggestions));
      else if (Array.isArray(result)) setResult(result.map(withoutSuggestions));
      else setResult(withoutSuggestions(result));
    },
  };
}

/** The result with every "Did you mean …?" sentence cut from its errors' messages. */
function withoutSuggestions<R extends ExecutionResult>(result: R): R {
  if (!result.errors?.some((error) => error.message.includes('Did you mean'))) return result;
  return { ...result, errors: result.errors.map(withoutSuggestion) };
}

function withoutSuggestion(error: GraphQLError): GraphQLError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  // A new error rather than an edited one: Yoga's validation cache hands the same objects to every request.
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}
