import { GraphQLError } from 'graphql';
import { apiError, type ApiErrorCode, type ApiErrorDetails } from '../model/api-errors.js';

/** An expected error of the catalogue (model/api-errors.ts) as a GraphQLError: never masked, always with its code. */
export function graphqlError<C extends ApiErrorCode>(code: C, ...details: ApiErrorDetails<C>): GraphQLError {
  const { message, extensions } = apiError(code, ...details);
  return new GraphQLError(message, { extensions });
}
