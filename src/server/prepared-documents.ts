import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Query strings remembered: as many as Yoga's own parse cache holds. */
const MAX_DOCUMENTS = 1000;

/** A query string that parsed and validated without errors: its document, and the schema it was checked against. */
export interface PreparedDocument {
  readonly document: DocumentNode;
  readonly schema: GraphQLSchema;
}

interface Entry extends PreparedDocument {
  /** The validation rules it passed, by name (as Yoga's validation cache keys them). */
  readonly rules: string;
}

/** Marks the plugin's object, so the fast path finds the documents among Yoga's plugins. */
export const PREPARED = Symbol('prepared documents');

/**
 * Query strings whose parse and validation passed, so the fast path (fast-path.ts) skips both
 * for the next requests of the same string, and every per-document hook with them. That is only
 * right when the verdict of each parse and validate hook is a function of the string and the
 * schema alone, which holds for every hook yoga.ts installs:
 * - Yoga's engine, Armor's token limit (parse) and its depth, alias and directive rules,
 *   known-operation-types and the introspection switch (validate): the same rules for every
 *   request (introspection is switched per server, not per request);
 * - Yoga's parse and validation caches: they already reuse these verdicts per string and rules;
 * - persisted operations: a persisted request skips validation, and Yoga's validation cache then
 *   answers the same string sent as a query with that verdict too; this does the same;
 * - Yoga's mutation-via-GET check (after parse) depends on the request's method and operation
 *   name: the fast path checks the operation itself and leaves every operation that is not a query
 *   to Yoga.
 * Everything that depends on the request or its variables (variable depth, query cost, response
 * size, variable coercion, the request log) still runs per request. A string seen with two sets
 * of rules is never taken as prepared. Nothing here depends on the graph: a reload keeps it.
 */
export class PreparedDocuments {
  private readonly byQuery = new Map<string, Entry | null>();

  /** The prepared document of `query`, if its parse and validation passed before. */
  get(query: string): PreparedDocument | undefined {
    return this.byQuery.get(query) ?? undefined;
  }

  get size(): number {
    return this.byQuery.size;
  }

  record(query: string, document: DocumentNode, schema: GraphQLSchema, rules: string): void {
    const known = this.byQuery.get(query);
    if (known === null) return;
    if (known !== undefined) {
      // Checked again (Yoga's caches let it go): the same rules keep it, other rules end it.
      this.byQuery.set(query, known.rules === rules && known.schema === schema ? { document, schema, rules } : null);
      return;
    }
    if (this.byQuery.size >= MAX_DOCUMENTS) {
      const oldest = this.byQuery.keys().next().value;
      if (oldest !== undefined) this.byQuery.delete(oldest);
    }
    this.byQuery.set(query, { document, schema, rules });
  }
}

/**
 * Records each query string whose validation passed (the verdict after every rule and hook).
 * Install it after every plugin that adds validation rules.
 */
export function usePreparedDocuments(prepared: PreparedDocuments): Plugin & { readonly [PREPARED]: PreparedDocuments } {
  return {
    [PREPARED]: prepared,
    onValidate({ params, context }) {
      const query = (context as { params?: { query?: unknown } }).params?.query;
      if (typeof query !== 'string') return;
      // The key Yoga's validation cache uses for the rules of this validation.
      const rules = params.rules?.map((rule: { name: string }) => rule.name).join(',') ?? '';
      const { documentAST, schema } = params;
      return ({ valid }) => {
        if (valid) prepared.record(query, documentAST, schema, rules);
      };
    },
  };
}
