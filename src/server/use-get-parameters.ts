import type { Plugin } from 'graphql-yoga';
import { apiError, apiErrorStatus } from '../model/api-errors.js';

/** Query-string parameters that GraphQL over HTTP carries as JSON objects. */
const JSON_PARAMETERS = ['variables', 'extensions'] as const;

/**
 * A GET whose `variables` or `extensions` is not a JSON object is the client's mistake: 400 with
 * `MALFORMED_PARAMETER` naming the parameter. Yoga itself answers it with a 500.
 */
export function useGetParameters(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      for (const parameter of JSON_PARAMETERS) {
        const raw = url.searchParams.get(parameter);
        if (raw === null || raw === '' || isJsonObject(raw)) continue;
        const body = JSON.stringify({ errors: [apiError('MALFORMED_PARAMETER', { parameter })] });
        endResponse(new fetchAPI.Response(body, { status: apiErrorStatus('MALFORMED_PARAMETER'), headers: { 'content-type': 'application/json; charset=utf-8' } }));
        return;
      }
    },
  };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}
