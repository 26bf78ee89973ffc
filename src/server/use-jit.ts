import { type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

type Compiled = Pick<CompiledQuery, 'query' | 'subscribe'>;
type Execute = (args: ExecutionArgs) => unknown;

/**
 * graphql-jit, compiled off the request path: a document's first execution is graphql-js's, its
 * compilation runs right after (setImmediate, once the answer is on its way), and every later
 * execution runs the compiled query. Compiling costs more than executing once (the first search
 * after start-up paid 13 ms of compilation cold), so no request waits for it. Subscriptions are
 * compiled when they start, as before.
 *
 * Answers stay those graphql-jit gives. The two executors agree on `data` but write errors
 * differently (graphql-jit leaves out `locations` and words variable errors its own way), so a
 * first execution that ends with errors is answered by graphql-jit after all, compiled then.
 *
 * Hand-written instead of @envelop/graphql-jit, whose `enableIf` can only choose per request
 * (the first answer with errors would differ from the next ones) and whose cache holds one
 * compiled query per document whatever operation it was compiled for, so a document of several
 * operations answered every `operationName` with the first one compiled. Here it is one per
 * document and operation name.
 * @param onCompile hears each compilation (tests count them).
 */
export function useJit(onCompile?: (document: DocumentNode, operationName: string | null) => void): Plugin {
  const byDocument = new WeakMap<DocumentNode, Map<string | null, Compiled>>();
  /** Operations whose compilation is scheduled, per document. */
  const scheduled = new WeakMap<DocumentNode, Set<string | null>>();

  const compiledOf = (document: DocumentNode, operationName: string | null) => byDocument.get(document)?.get(operationName);

  const compile = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled => {
    onCompile?.(document, operationName);
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    // A document graphql-jit cannot compile answers its errors, as the envelop plugin did.
    const entry: Compiled = isCompiledQuery(compiled) ? compiled : { query: () => compiled };
    let entries = byDocument.get(document);
    if (!entries) byDocument.set(document, (entries = new Map()));
    entries.set(operationName, entry);
    return entry;
  };

  const runCompiled = (entry: Compiled, args: ExecutionArgs) => entry.query(args.rootValue, args.contextValue, args.variableValues);

  /** graphql-js's execution, then the compilation; graphql-jit's answer instead when it has errors. */
  const firstExecution = async (execute: Execute, args: ExecutionArgs): Promise<unknown> => {
    const operationName = args.operationName ?? null;
    const result = (await execute(args)) as ExecutionResult;
    const done = compiledOf(args.document, operationName);
    if (result.errors?.length) {
      // Executed again, compiled: resolvers only read the graph, so the second run answers the same.
      return runCompiled(done ?? compile(args.schema, args.document, operationName), args);
    }
    let operations = scheduled.get(args.document);
    if (!done && !operations?.has(operationName)) {
      if (!operations) scheduled.set(args.document, (operations = new Set()));
      operations.add(operationName);
      setImmediate(() => {
        if (compiledOf(args.document, operationName)) return;
        try {
          compile(args.schema, args.document, operationName);
        } catch {
          // Left to graphql-js; an answer with errors compiles on the request path, and throws there.
        }
      });
    }
    return result;
  };

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const entry = compiledOf(args.document, args.operationName ?? null);
      setExecuteFn(entry ? (a) => runCompiled(entry, a) : (a) => firstExecution(executeFn as Execute, a));
    },
    onSubscribe({ args, setSubscribeFn }) {
      const operationName = args.operationName ?? null;
      const entry = compiledOf(args.document, operationName) ?? compile(args.schema, args.document, operationName);
      const subscribe = entry.subscribe ?? entry.query;
      setSubscribeFn(((a: ExecutionArgs) => subscribe(a.rootValue, a.contextValue, a.variableValues)) as never);
    },
  };
}
