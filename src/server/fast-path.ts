import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult } from 'graphql-yoga';
import { headerText } from './headers.js';
import { PREPARED, type PreparedDocument, type PreparedDocuments } from './prepared-documents.js';
import { isPromiseLike, runHooks } from './run-hooks.js';
import { serialisedBytes } from './use-response-size.js';
import type { MeetupYoga } from './yoga.js';

/**
 * The answer the fast path computed: what Yoga's Response would have held, as plain values
 * (header names lower-case, as Node writes a Response's headers).
 */
export interface FastAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body as the serialiser wrote it, or its UTF-8 bytes when they were already made (use-response-size.ts). */
  readonly body: string | Buffer;
}

/** The parts of Yoga's server object the fast path drives; they are public on YogaServer but not typed on the adapter. */
interface YogaInternals {
  readonly plugins: readonly (Record<string, unknown> | undefined | false)[];
  readonly onRequestParseHooks: readonly Hook[];
  readonly onParamsHooks: readonly Hook[];
  readonly onExecutionResultHooks: readonly Hook[];
  readonly onResultProcessHooks: readonly Hook[];
  readonly instrumentation?: Record<string, unknown> & { request?: (payload: { request: unknown }, wrapped: () => unknown) => unknown };
  handleParams(payload: { request: unknown; params: unknown; context: unknown }): unknown;
}

type Hook = (payload: Record<string, unknown>) => unknown;
type Execute = (args: ExecutionArgs) => unknown;
type RequestParser = (request: unknown) => unknown;

/** Thrown inside the fast path when Yoga must answer after all; nothing was written yet. */
class Decline extends Error {}

/** `application/json`, with a charset parameter at most: what every GraphQL client sends. */
const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

/**
 * Whether the fast path takes a request, from its line and headers alone: `POST /graphql` with a
 * JSON body or `GET /graphql?…` (persisted operations by `documentId`, CDN-cached queries),
 * answered as JSON. Everything else (batches are found later, forms, multipart, GraphiQL,
 * streams, preflights, other routes) is Yoga's.
 */
export function fastPathTakes(req: IncomingMessage): boolean {
  if (req.method === 'GET') {
    if (!req.url?.startsWith('/graphql?')) return false;
  } else if (req.method !== 'POST' || req.url !== '/graphql' || !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    return false;
  }
  const accept = req.headers.accept;
  // Other media types are Yoga's (a 406, a stream, GraphiQL): the fast path would run the
  // operation only to decline its answer.
  return accept === undefined || (/application\/(graphql-response\+)?json|\*\/\*/i.test(accept) && !/text\/(html|event-stream)|multipart\//i.test(accept));
}

/**
 * GraphQL over plain node:http without Yoga's per-request WHATWG objects (Request, Response,
 * AbortSignal, body streams), which cost most of an uncached answer. It runs Yoga's own stages in
 * Yoga's order with the request's stand-in: the plugins' onRequest hooks, Yoga's request parsing
 * hooks (CSRF, introspection switch, limits), its onParams hooks (persisted operations, variable
 * depth, parameter checks, request log), the envelop chain (parse/validate caches, Armor, cost,
 * response size, masking, graphql-jit), the onResultProcess hooks (request log, hidden
 * suggestions, Yoga's media type choice) and Yoga's own JSON serialiser and status rules, then
 * the onResponse hooks (CORS, request id and line). Whenever one of them would make Yoga answer
 * differently from a plain JSON result (a hook ends the request, a batch, a thrown hook, a
 * stream), it declines before writing anything and Yoga answers from scratch.
 *
 * Hooks are called in a plain loop (run-hooks.ts) and awaited only when one returns a promise.
 * A query string that passed parse and validation before (prepared-documents.ts) skips both
 * and runs its context and execution hooks here, as envelop's orchestrator would, without it:
 * at 10,000 pages that is most of what an uncached event page cost beyond its resolvers.
 * Hand-written because Yoga has no entry point below `fetch` that skips the WHATWG layer.
 */
export function createFastPath(yoga: MeetupYoga) {
  const server = yoga as unknown as YogaInternals;
  const plugins = server.plugins.filter((p): p is Record<string, unknown> => Boolean(p));
  const hooksNamed = (name: string) => plugins.map((p) => p[name]).filter((h): h is Hook => typeof h === 'function');
  const onRequest = hooksNamed('onRequest');
  const onResponse = hooksNamed('onResponse');
  const onContextBuilding = hooksNamed('onContextBuilding');
  const onExecute = hooksNamed('onExecute');
  // Read once: each read through Yoga's adapter (a Proxy) binds a new function.
  const onRequestParseHooks = server.onRequestParseHooks;
  const onParamsHooks = server.onParamsHooks;
  const onExecutionResultHooks = server.onExecutionResultHooks;
  const onResultProcessHooks = server.onResultProcessHooks;
  const handleParams = server.handleParams;
  const instrumentation = server.instrumentation;
  const instrumentRequest = instrumentation?.request;
  // Yoga's other instrumentation (parsing, operations, results) would wrap stages this path runs
  // its own way; with any, Yoga answers everything.
  const supported = Object.keys(instrumentation ?? {}).every((key) => key === 'request');
  const prepared = (plugins.find((p) => PREPARED in p)?.[PREPARED] as PreparedDocuments | undefined) ?? null;
  // Envelop's per-request hooks that run before any stage: with one, documents are never taken as prepared.
  const direct = prepared !== null && !plugins.some((p) => typeof p.onEnveloped === 'function');
  const fetchAPI = yoga.fetchAPI;
  /** Operations executed without parse and validation (tests read it). */
  const counts = { prepared: 0 };

  /**
   * Answers a request whose body is `body`, or null (nothing run that shows) when Yoga must.
   * The answer's hooks have all run; the caller writes it.
   */
  async function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<FastAnswer | null> {
    if (!supported) return null;
    let parsed: unknown = null;
    if (req.method === 'GET') {
      // A GET has its parameters in the URL, which Yoga's GET parser reads from the stand-in.
      if (body.length > 0 || mayBeSubscription(req.url ?? '')) return null;
    } else {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return null;
      }
      // Batches, scalars and null have Yoga's own answers.
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      const query = (parsed as { query?: unknown }).query;
      // A subscription's answer is a stream (or a 406 Yoga writes itself).
      if (typeof query === 'string' && /\bsubscription\b/.test(query)) return null;
    }
    const request = new StandIn(req, parsed);
    const serverContext = { req, res };
    let result: Promise<FastAnswer> | null = null;
    const run = () => (result = handle(request, serverContext));
    try {
      if (instrumentRequest) {
        const wrapped = instrumentRequest({ request }, run);
        if (isPromiseLike(wrapped)) await wrapped;
      } else run();
      return result === null ? null : await result;
    } catch (error) {
      if (error instanceof Decline) return null;
      throw error;
    }
  }

  async function handle(request: StandIn, serverContext: Record<string, unknown>): Promise<FastAnswer> {
    const url = new URL(request.url);
    let intervened = false;
    const stop = () => {
      intervened = true;
    };
    for (const hook of onRequest) {
      const out = hook({ request, url, serverContext, fetchAPI, endResponse: stop, setRequest: stop, setRequestHandler: stop, requestHandler: undefined });
      if (isPromiseLike(out)) await out;
      if (intervened) throw new Decline();
    }
    let result: unknown;
    try {
      const params = await parseRequest(request, url, serverContext);
      result = await resultForParams(request, params, serverContext);
    } catch (error) {
      // Yoga answers a thrown hook (CSRF, variable depth, bad parameters) from its catch; so does Yoga here.
      throw error instanceof Decline ? error : new Decline();
    }
    let processor: unknown = null;
    let accepted = '*/*';
    const acceptableMediaTypes: string[] = [];
    const processed = runHooks(onResultProcessHooks, (hook) =>
      hook({
        request,
        acceptableMediaTypes,
        result,
        setResult: (next: unknown) => {
          result = next;
        },
        resultProcessor: processor,
        setResultProcessor: (next: unknown, mediaType: string) => {
          processor = next;
          accepted = mediaType;
        },
        serverContext,
      }),
    );
    if (processed) await processed;
    if (processor !== processRegularResult || isAsyncIterable(result) || Array.isArray(result)) throw new Decline();
    const captured = processRegularResult(result as ExecutionResult, CAPTURE as never, accepted) as unknown as Captured;
    const response = new PlainResponse(captured);
    for (const hook of onResponse) {
      const out = hook({ request, response, serverContext, fetchAPI });
      if (isPromiseLike(out)) await out;
    }
    return { status: response.status, headers: response.headers.record, body: serialisedBytes(result, captured.body) ?? captured.body };
  }

  /**
   * Yoga's `parseRequest`: the onRequestParse hooks choose (and wrap) the parser, it reads the
   * parameters, the onRequestParseDone hooks see them. A hook's own answer, or a parser's (a
   * Response), is Yoga's to send.
   */
  async function parseRequest(request: StandIn, url: URL, serverContext: object): Promise<unknown> {
    let requestParser: RequestParser | undefined;
    let ended = false;
    const done: Hook[] = [];
    const parsing = runHooks(
      onRequestParseHooks,
      (hook, stop) => {
        const out = hook({
          request,
          url,
          requestParser,
          serverContext,
          setRequestParser: (parser: RequestParser) => {
            requestParser = parser;
          },
          endResponse: () => {
            ended = true;
            stop();
          },
          fetchAPI,
        });
        const onDone = (value: unknown) => (value as { onRequestParseDone?: Hook } | undefined)?.onRequestParseDone;
        return isPromiseLike(out) ? Promise.resolve(out).then(onDone) : onDone(out);
      },
      done,
    );
    if (parsing) await parsing;
    if (ended || !requestParser) throw new Decline();
    let params = requestParser(request);
    if (isPromiseLike(params)) params = await params;
    if (isResponseLike(params) || Array.isArray(params)) throw new Decline();
    const finishing = runHooks(done, (hook) =>
      hook({
        requestParserResult: params,
        setRequestParserResult: (next: unknown) => {
          params = next;
        },
      }),
    );
    if (finishing) await finishing;
    if (Array.isArray(params)) throw new Decline();
    return params;
  }

  /** Yoga's `getResultForParams`: the onParams hooks, the params handler, the onExecutionResult hooks. */
  async function resultForParams(request: StandIn, params: unknown, context: Record<string, unknown>): Promise<unknown> {
    let result: unknown;
    let paramsHandler: (payload: { request: unknown; params: unknown; context: unknown }) => unknown = handleOrPrepared;
    const checking = runHooks(onParamsHooks, (hook) =>
      hook({
        params,
        request,
        setParams: (next: unknown) => {
          params = next;
        },
        paramsHandler,
        setParamsHandler: (next: typeof paramsHandler) => {
          paramsHandler = next;
        },
        setResult: (next: unknown) => {
          result = next;
        },
        fetchAPI,
        context,
      }),
    );
    if (checking) await checking;
    if (!result) {
      result = paramsHandler({ request, params, context });
      if (isPromiseLike(result)) result = await result;
    }
    const after = runHooks(onExecutionResultHooks, (hook) =>
      hook({
        result,
        setResult: (next: unknown) => {
          result = next;
        },
        request,
        context,
      }),
    );
    if (after) await after;
    return result;
  }

  /** Yoga's `handleParams`, or the same work without parse and validation for a prepared query string. */
  function handleOrPrepared(payload: { request: unknown; params: unknown; context: unknown }): unknown {
    const params = payload.params as { query?: unknown; variables?: Record<string, unknown>; operationName?: string | null } | null;
    const known = direct && typeof params?.query === 'string' ? prepared?.get(params.query) : undefined;
    // Not a query (a mutation via GET, a subscription, an unknown operation name): Yoga's answers.
    const operation = known ? getOperationAST(known.document, params?.operationName ?? undefined) : null;
    if (!known || operation?.operation !== 'query') return handleParams(payload);
    const context = payload.context as Record<string, unknown>;
    // As handleParams: the request and its parameters join the server context.
    if (context.request === payload.request) context.params = params;
    else Object.assign(context, { request: payload.request, params });
    counts.prepared++;
    return executePrepared(known, params as NonNullable<typeof params>, context);
  }

  /**
   * What envelop's contextFactory and execute do after parse and validation: the onContextBuilding
   * hooks extend the context, the onExecute hooks choose the executor (graphql-jit's compiled
   * query) or stop with a result (query cost), the executor runs, the onExecuteDone hooks see and
   * may replace the result (response size, masking). A throw, or a stream, is Yoga's to answer.
   */
  async function executePrepared(known: PreparedDocument, params: { variables?: Record<string, unknown>; operationName?: string | null }, context: Record<string, unknown>): Promise<unknown> {
    const extendContext = (extension: unknown) => {
      Object.assign(context, extension);
    };
    let broken = false;
    const afterContext: unknown[] = [];
    const building = runHooks(
      onContextBuilding,
      (hook, stop) =>
        hook({
          context,
          extendContext,
          breakContextBuilding: () => {
            broken = true;
            stop();
          },
        }),
      afterContext,
    );
    if (building) await building;
    if (!broken) {
      const built = runHooks(afterContext as Hook[], (hook) => hook({ context, extendContext }));
      if (built) await built;
    }
    const args: ExecutionArgs = {
      schema: known.schema,
      document: known.document,
      contextValue: context,
      variableValues: params.variables,
      operationName: params.operationName,
    };
    let executeFn: Execute = () => {
      throw new Decline();
    };
    let result: unknown;
    const afterExecute: { onExecuteDone?: Hook }[] = [];
    const choosing = runHooks(
      onExecute,
      (hook, stop) =>
        hook({
          executeFn,
          setExecuteFn: (next: Execute) => {
            executeFn = next;
          },
          setResultAndStopExecution: (stopResult: unknown) => {
            result = stopResult;
            stop();
          },
          context,
          extendContext: (extension: unknown) => {
            if (typeof extension !== 'object') throw new Decline();
            Object.assign(context, extension);
          },
          args,
        }),
      afterExecute,
    );
    if (choosing) await choosing;
    if (!result) {
      result = executeFn({ ...args, contextValue: context });
      if (isPromiseLike(result)) result = await result;
    }
    const finished: { onNext?: unknown; onEnd?: unknown }[] = [];
    const finishing = runHooks(
      afterExecute,
      (after) =>
        after.onExecuteDone?.({
          args,
          result,
          setResult: (next: unknown) => {
            result = next;
          },
        }),
      finished,
    );
    if (finishing) await finishing;
    if (isAsyncIterable(result)) throw new Decline();
    return result;
  }

  return { answer, counts };
}

export type FastPath = ReturnType<typeof createFastPath>;

/** Whether a GET's query string could name a subscription (or cannot be read to tell). */
function mayBeSubscription(url: string): boolean {
  try {
    return /\bsubscription\b/.test(decodeURIComponent(url.replace(/\+/g, ' ')));
  } catch {
    return true;
  }
}

/** Yoga's test for a parser's answer that is a Response rather than parameters. */
function isResponseLike(value: unknown): boolean {
  return Boolean((value as { status?: unknown } | null)?.status && (value as { headers?: unknown } | null)?.headers);
}

/** What processRegularResult hands its Response constructor. */
interface Captured {
  readonly body: string;
  readonly init: { status: number; headers: Record<string, string> };
}

/** A fetch API whose Response only keeps what it was given: Yoga's serialiser without the object. */
const CAPTURE = {
  Response: function Response(this: Captured, body: string, init: Captured['init']) {
    return { body, init };
  },
};

/** Header access over Node's parsed headers, as the hooks read a Request's. */
class NodeHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : headerText(value);
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.raw)) if (value !== undefined) callback(headerText(value), name);
  }
}

/**
 * The request as Yoga's hooks see it: method, URL, headers, and the JSON body already read. It
 * has no body stream and no signal; a hook that needed them would make its own answer, and
 * those requests are declined above.
 */
class StandIn {
  readonly method: string;
  readonly url: string;
  readonly headers: NodeHeaders;
  readonly body = null;
  constructor(
    req: IncomingMessage,
    private readonly parsed: unknown,
  ) {
    this.method = req.method ?? 'GET';
    this.url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/graphql'}`;
    this.headers = new NodeHeaders(req.headers);
  }
  json(): unknown {
    return this.parsed;
  }
}

/** Response headers as the onResponse hooks set them: lower-case names, last write wins. */
class PlainHeaders {
  readonly record: Record<string, string> = {};
  constructor(init: Record<string, string>) {
    for (const [name, value] of Object.entries(init)) this.record[name.toLowerCase()] = value;
  }
  get(name: string): string | null {
    return this.record[name.toLowerCase()] ?? null;
  }
  has(name: string): boolean {
    return name.toLowerCase() in this.record;
  }
  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = String(value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    this.record[key] = key in this.record ? `${this.record[key]}, ${value}` : String(value);
  }
  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.record)) callback(value, name);
  }
}

/** The answer as the onResponse hooks see a Response. */
class PlainResponse {
  readonly status: number;
  readonly headers: PlainHeaders;
  readonly body: string;
  constructor(captured: Captured) {
    this.status = captured.init.status;
    this.headers = new PlainHeaders(captured.init.headers);
    this.body = captured.body;
  }
  clone(): { json: () => unknown; text: () => string } {
    return { json: () => JSON.parse(this.body) as unknown, text: () => this.body };
  }
}
