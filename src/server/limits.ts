/**
 * What one request may ask of the service. Every limit is refused with a GraphQL error that names
 * the limit and the figure found, before any resolver runs.
 */
export interface RequestLimits {
  /** Nesting of selections (introspection excepted, so GraphiQL keeps working). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens in the document: the cheapest bound on parsing work. */
  readonly maxTokens: number;
  /**
   * Objects an answer can hold, where a list multiplies its selection by its `first`, its ids or
   * the longest list of its kind in the content (see query-cost.ts).
   */
  readonly maxCost: number;
  /** Operations in one batched (JSON array) request. */
  readonly maxBatch: number;
  /** Request body bytes; larger bodies get 413 before Yoga reads them. */
  readonly maxBodyBytes: number;
  /**
   * Bytes of an answer's JSON (the operations of a batch together); a larger answer is replaced by
   * a RESPONSE_TOO_LARGE error, the ceiling for what the cost estimate lets through.
   */
  readonly maxResponseBytes: number;
}

/**
 * Sized so the heaviest legitimate query of the README (50 events → talks → speakers → their
 * talks → events, depth 8: cost 6,150 on the largest real site we score, 16,150 on 10,000
 * generated pages whose busiest speaker gives 31 talks; its answer there is 373 KiB) and
 * GraphiQL's own introspection (183 tokens) pass with room, while a few lines of nested lists, a
 * long `nodes(ids:)` or a wall of aliases do not.
 */
export const DEFAULT_LIMITS: RequestLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 50_000,
  maxBatch: 10,
  maxBodyBytes: 128 * 1024,
  // Eleven times that aggregate's answer; a client that wants more pages through with `after`.
  maxResponseBytes: 4 * 1024 * 1024,
};
