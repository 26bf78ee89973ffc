/**
 * The one catalogue of errors the API answers with, beside the content diagnostics: each code,
 * the HTTP status it carries when it ends a request before GraphQL runs, and its wording. Every
 * expected error of the service is made by `apiError`; the schema turns one into a GraphQLError,
 * the HTTP layer sends it as `{ errors: [...] }`, the calendar routes as plain text. (GraphQL
 * Armor's depth, alias, directive and token limits and Yoga's own protocol errors are worded by
 * those libraries.)
 */

/** Why a request's input was refused. */
export type BadInput =
  | { readonly problem: 'negative-size'; readonly argument: string }
  | { readonly problem: 'size-above-limit'; readonly argument: string; readonly value: number; readonly max: number }
  | { readonly problem: 'foreign-cursor'; readonly cursor: string }
  | { readonly problem: 'stale-cursor' }
  | { readonly problem: 'not-a-string'; readonly scalar: string }
  | { readonly problem: 'offset-date-time'; readonly value: unknown }
  | { readonly problem: 'search-too-long'; readonly argument: string; readonly length: number; readonly max: number }
  | { readonly problem: 'search-word-too-long'; readonly argument: string; readonly length: number; readonly max: number }
  | { readonly problem: 'variables-too-deep'; readonly max: number };

const catalogue = {
  NOT_READY: { status: 503, say: () => 'The content is still loading; try again shortly', details: () => ({}) },
  BODY_TOO_LARGE: {
    status: 413,
    say: (p: { readonly maxBodyBytes: number }) => `The request body is larger than ${p.maxBodyBytes} bytes`,
    details: (p: { readonly maxBodyBytes: number }) => ({ maxBodyBytes: p.maxBodyBytes }),
  },
  LENGTH_REQUIRED: { status: 411, say: () => 'A subscription request must declare its Content-Length', details: () => ({}) },
  BAD_USER_INPUT: { status: 400, say: (p: BadInput) => sayBadInput(p), details: (p: BadInput) => badInputDetails(p) },
  COST_LIMIT_EXCEEDED: {
    status: 400,
    say: (p: { readonly cost: number; readonly spent: number; readonly maxCost: number }) =>
      p.spent > 0
        ? `Query cost ${p.cost} on top of ${p.spent} for the request's other operations is above the limit of ${p.maxCost}`
        : `Query cost ${p.cost} is above the limit of ${p.maxCost}; ask for fewer items per list (first) or fewer nested lists`,
    details: (p: { readonly cost: number; readonly spent: number; readonly maxCost: number }) => ({ cost: p.cost, spent: p.spent, maxCost: p.maxCost }),
  },
  /**
   * Replaces an answer once it is executed, so it is a GraphQL result (`data: null`), which
   * GraphQL over HTTP answers with 200 like any error met during execution.
   */
  RESPONSE_TOO_LARGE: {
    status: 200,
    say: (p: { readonly spent: number; readonly maxResponseBytes: number }) =>
      p.spent > 0
        ? `The answer, after ${p.spent} bytes of answers to the request's other operations, would be larger than ${p.maxResponseBytes} bytes`
        : `The answer would be larger than ${p.maxResponseBytes} bytes; ask for fewer items (first, ids) or fewer nested lists`,
    details: (p: { readonly spent: number; readonly maxResponseBytes: number }) => ({ spent: p.spent, maxResponseBytes: p.maxResponseBytes }),
  },
  PERSISTED_QUERY_NOT_FOUND: { status: 404, say: () => 'Unknown persisted operation', details: () => ({}) },
  PERSISTED_QUERY_ONLY: { status: 400, say: () => 'Only persisted operations are accepted here', details: () => ({}) },
  MALFORMED_PARAMETER: {
    status: 400,
    say: (p: { readonly parameter: string }) => `The "${p.parameter}" parameter must be a JSON object`,
    details: (p: { readonly parameter: string }) => ({ parameter: p.parameter }),
  },
  PERSISTED_QUERY_ID_MISSING: { status: 400, say: () => 'A persisted operation needs an id', details: () => ({}) },
  NO_SUCH_EVENT: {
    status: 404,
    say: (p: { readonly slug: string; readonly language: string | null }) => `No event with slug "${p.slug}"${p.language ? ` in language "${p.language}"` : ''}`,
    details: (p: { readonly slug: string; readonly language: string | null }) => ({ slug: p.slug, language: p.language }),
  },
  METHOD_NOT_ALLOWED: { status: 405, say: () => 'Method not allowed', details: () => ({}) },
  /** Outside Yoga's error masking: says nothing of the cause. */
  INTERNAL_ERROR: { status: 500, say: () => 'internal error', details: () => ({}) },
} as const satisfies Record<string, { status: number; say: (details: never) => string; details: (details: never) => Record<string, unknown> }>;

type Catalogue = typeof catalogue;
export type ApiErrorCode = keyof Catalogue;
export type ApiErrorDetails<C extends ApiErrorCode> = Parameters<Catalogue[C]['say']>;

/** An error as GraphQL over HTTP writes it: a message and its extensions, the code first. */
export interface ApiError {
  readonly message: string;
  readonly extensions: { readonly code: ApiErrorCode } & Readonly<Record<string, unknown>>;
}

/** The error of `code`, worded from its details. */
export function apiError<C extends ApiErrorCode>(code: C, ...details: ApiErrorDetails<C>): ApiError {
  // TypeScript does not tie `catalogue[code]` to `C` itself; the signature of `apiError` does.
  const entry = catalogue[code] as unknown as { say: (...d: ApiErrorDetails<C>) => string; details: (...d: ApiErrorDetails<C>) => Record<string, unknown> };
  return { message: entry.say(...details), extensions: { code, ...entry.details(...details) } };
}

/** The HTTP status of an error that ends a request outside GraphQL execution. */
export function apiErrorStatus(code: ApiErrorCode): number {
  return catalogue[code].status;
}

function sayBadInput(p: BadInput): string {
  switch (p.problem) {
    case 'negative-size':
      return `"${p.argument}" must be a non-negative integer`;
    case 'size-above-limit':
      return `"${p.argument}" is ${p.value}, above the limit of ${p.max} per page; page through with "after"`;
    case 'foreign-cursor':
      return `"${p.cursor}" is not a cursor this API issued`;
    case 'stale-cursor':
      return 'the cursor points at an item that is no longer in this list; start again without "after"/"before"';
    case 'not-a-string':
      return `${p.scalar} must be a string`;
    case 'offset-date-time':
      return `OffsetDateTime must be an RFC 3339 date-time with an offset, got ${JSON.stringify(p.value)}`;
    case 'search-too-long':
      return `"${p.argument}" is ${p.length} characters long; a search reads at most ${p.max}`;
    case 'variables-too-deep':
      return `the variables are nested more than ${p.max} levels deep`;
    case 'search-word-too-long':
      return `"${p.argument}" has a word of ${p.length} characters; a search word has at most ${p.max}`;
  }
}

function badInputDetails(p: BadInput): Record<string, unknown> {
  if (p.problem === 'negative-size') return { argument: p.argument };
  if (p.problem === 'size-above-limit') return { argument: p.argument, max: p.max };
  if (p.problem === 'search-too-long' || p.problem === 'search-word-too-long') return { argument: p.argument, max: p.max };
  if (p.problem === 'variables-too-deep') return { max: p.max };
  return {};
}
