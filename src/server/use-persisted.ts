import { usePersistedOperations, type ExtractPersistedOperationId } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { apiError, apiErrorStatus, type ApiErrorCode } from '../model/api-errors.js';
import type { PersistedOperations } from './persisted-operations.js';

/**
 * The id a request names: Apollo's `extensions.persistedQuery.sha256Hash`, or `documentId`
 * (the GraphQL-over-HTTP persisted documents proposal, `sha256:` prefix optional) in the body or
 * in a GET query string, which is what lets a CDN cache the URL.
 */
const extractId: ExtractPersistedOperationId = (params, request) => {
  const apq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof apq === 'string') return apq;
  const fromBody = (params as { documentId?: unknown }).documentId;
  const documentId = typeof fromBody === 'string' ? fromBody : new URL(request.url).searchParams.get('documentId');
  return documentId ? documentId.replace(/^sha256:/, '') : null;
};

/** Serves known operations by id; with `only`, any other document is refused. */
export function usePersisted(operations: PersistedOperations, only: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: !only,
    extractPersistedOperationId: extractId,
    // Validated once at start-up (readPersistedOperations).
    skipDocumentValidation: true,
    customErrors: {
      notFound: withStatus('PERSISTED_QUERY_NOT_FOUND'),
      persistedQueryOnly: withStatus('PERSISTED_QUERY_ONLY'),
      keyNotFound: withStatus('PERSISTED_QUERY_ID_MISSING'),
    },
  });
}

/** A catalogue error in the form the plugin takes, with the HTTP status it answers with. */
function withStatus(code: ApiErrorCode & `PERSISTED_${string}`): { message: string; extensions: Record<string, unknown> } {
  const { message, extensions } = apiError(code);
  return { message, extensions: { ...extensions, http: { status: apiErrorStatus(code) } } };
}
