import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult } from 'graphql-yoga';
import { headerText } from './headers.js';
import type { MeetupYoga } from './yoga.js';

/**
 * The answer the fast path computed: what Yoga's Response would have held, as plain values
 * (header names lower-case, as Node writes a Response's headers).
 */
export interface FastAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The parts of Yoga's server object the fast path drives; they are public on YogaServer but not typed on the adapter. */
interface YogaInternals {
  readonly plugins: readonly (Record<string, unknown> | undefined | false)[];
  readonly fetchAPI: { readonly URL: typeof URL };
  readonly onResultProcessHooks: readonly ((payload: Record<string, unknown>) => unknown)[];
  readonly instrumentation?: { request?: (payload: { request: unknown }, wrapped: () => unknown) => unknown };
  parseRequest(request: unknown, serverContext: unknown): Promise<{ response?: unknown; requestParserResult?: unknown }> | { response?: unknown; requestParserResult?: unknown };
  getResultForParams(payload: { params: unknown; request: unknown }, context: unknown): unknown;
}

type Hook = (payload: Record<string, unknown>) => unknown;

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
 * Hand-written because Yoga has no entry point below `fetch` that skips the WHATWG layer.
 */
export function createFastPath(yoga: MeetupYoga) {
  const server = yoga as unknown as YogaInternals;
  const plugins = server.plugins.filter((p): p is Record<string, unknown> => Boolean(p));
  const onRequest = plugins.map((p) => p.onRequest).filter((h): h is Hook => typeof h === 'function');
  const onResponse = plugins.map((p) => p.onResponse).filter((h): h is Hook => typeof h === 'function');
  const instrumentRequest = server.instrumentation?.request;
  const fetchAPI = yoga.fetchAPI;

  /**
   * Answers a request whose body is `body`, or null (nothing run that shows) when Yoga must.
   * The answer's hooks have all run; the caller writes it.
   */
  async function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<FastAnswer | null> {
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
    let result: Promise<FastAnswer | null> = Promise.resolve(null);
    const run = () => (result = handle(request, serverContext));
    try {
      if (instrumentRequest) await instrumentRequest({ request }, run);
      else run();
      return await result;
    } catch (error) {
      if (error instanceof Decline) return null;
      throw error;
    }
  }

  async function handle(request: StandIn, serverContext: object): Promise<FastAnswer> {
    const url = new URL(request.url);
    for (const hook of onRequest) {
      let intervened = false;
      const stop = () => {
        intervened = true;
      };
      await hook({ request, url, serverContext, fetchAPI, endResponse: stop, setRequest: stop, setRequestHandler: stop, requestHandler: undefined });
      if (intervened) throw new Decline();
    }
    let parsedRequest: { response?: unknown; requestParserResult?: unknown };
    let result: unknown;
    try {
      parsedRequest = await server.parseRequest(request, serverContext);
      if (parsedRequest.response || Array.isArray(parsedRequest.requestParserResult)) throw new Decline();
      result = await server.getResultForParams({ params: parsedRequest.requestParserResult, request }, serverContext);
    } catch (error) {
      // Yoga answers a thrown hook (CSRF, variable depth, bad parameters) from its catch; so does Yoga here.
      throw error instanceof Decline ? error : new Decline();
    }
    let processor: unknown = null;
    let accepted = '*/*';
    const acceptableMediaTypes: string[] = [];
    for (const hook of server.onResultProcessHooks) {
      await hook({
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
      });
    }
    if (processor !== processRegularResult || isAsyncIterable(result) || Array.isArray(result)) throw new Decline();
    const captured = processRegularResult(result as ExecutionResult, CAPTURE as never, accepted) as unknown as Captured;
    const response = new PlainResponse(captured);
    for (const hook of onResponse) await hook({ request, response, serverContext, fetchAPI });
    return { status: response.status, headers: response.headers.record, body: captured.body };
  }

  return { answer };
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
