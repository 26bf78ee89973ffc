import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createPubSub, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useCalendar } from './use-calendar.js';
import type { ContentChange, GraphSource } from '../model/source.js';
import { createContext, type ChangeFeed, type Context } from '../schema/context.js';
import { defaultQuery } from './graphiql-query.js';
import { schema } from '../schema/index.js';
import { DEFAULT_LIMITS, type RequestLimits } from './limits.js';
import type { PersistedOperations } from './persisted-operations.js';
import { usePersisted } from './use-persisted.js';
import { useHealth, type Health } from './use-health.js';
import { useQueryCost } from './use-query-cost.js';
import { useResponseSize } from './use-response-size.js';
import { useGetParameters } from './use-get-parameters.js';
import { useVariableDepth } from './use-variable-depth.js';
import { useHiddenSuggestions } from './use-hidden-suggestions.js';
import { useKnownOperationTypes } from './use-known-operation-types.js';
import { useJit } from './use-jit.js';
import { PreparedDocuments, usePreparedDocuments } from './prepared-documents.js';
import { maskErrorRemembering, useRequestLog } from './use-request-log.js';
import { silentLog, type Log } from '../model/log.js';

export interface MeetupYogaOptions {
  /** Yoga's own console logging (off by default; `log` is the service's). */
  readonly logging?: boolean;
  /** Where each request's line and every internal error go (default: nowhere). */
  readonly log?: Log;
  /** The clock "upcoming" and "past" read (tests fix it). */
  readonly now?: () => Date;
  readonly limits?: Partial<RequestLimits>;
  /**
   * Public deployment: internal errors masked without details, no "did you mean" suggestions
   * in any error, introspection and GraphiQL off unless asked for, CSRF header required on
   * requests a browser would send without a preflight.
   */
  readonly production?: boolean;
  /** Serve GraphiQL (default: on, off in production); on implies introspection. */
  readonly graphiql?: boolean;
  /** Answer introspection (default: on, off in production). */
  readonly introspection?: boolean;
  /**
   * Origins allowed to call from a browser. Empty: any origin in development, none (no CORS
   * headers at all) in production.
   */
  readonly corsOrigins?: readonly string[];
  /** Known operations, by hash (see persisted-operations.ts). */
  readonly persisted?: PersistedOperations | null;
  /** Refuse every operation that is not persisted. */
  readonly onlyPersisted?: boolean;
  /** Content loaded, process draining (see use-health.ts); default: loaded, not draining. */
  readonly health?: Partial<Health>;
}

export type MeetupYoga = YogaServerInstance<Record<string, never>, Context>;

/** Whether these options serve GraphiQL: asked for, or by default outside production. */
export function servesGraphiQL(options: Pick<MeetupYogaOptions, 'graphiql' | 'production'>): boolean {
  return options.graphiql ?? !(options.production ?? false);
}

/** Builds the Yoga instance; listening is the caller's business (tests call `yoga.fetch`). */
export function createMeetupYoga(source: GraphSource, options: MeetupYogaOptions = {}): MeetupYoga {
  const changes = changeFeed(source);
  const now = options.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const production = options.production ?? false;
  const graphiql = servesGraphiQL(options);
  const introspection = graphiql || (options.introspection ?? !production);
  const origins = options.corsOrigins ?? [];
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(source.current(), now(), changes),
    graphqlEndpoint: '/graphql',
    plugins: [
      // First: its hooks see every request, and what the others made of it.
      useRequestLog(options.log ?? silentLog),
      useHealth({
        loaded: options.health?.loaded ?? (() => true),
        draining: options.health?.draining ?? (() => false),
        problem: options.health?.problem ?? (() => source.problem?.() ?? null),
      }),
      useGetParameters(),
      useVariableDepth(),
      ...(options.persisted ? [usePersisted(options.persisted, options.onlyPersisted ?? false)] : []),
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
        maxAliases: { n: limits.maxAliases },
        maxDirectives: { n: limits.maxDirectives },
        maxTokens: { n: limits.maxTokens },
        // Armor's cost ignores `first`; ours multiplies by it (useQueryCost).
        costLimit: { enabled: false },
        // Armor's hides some suggestions of validation only, as "[Suggestion hidden]";
        // useHiddenSuggestions cuts every suggestion from every error.
        blockFieldSuggestion: { enabled: false },
      }),
      useKnownOperationTypes(),
      useQueryCost(schema, limits.maxCost),
      useResponseSize(limits.maxResponseBytes),
      ...(introspection ? [] : [useDisableIntrospection()]),
      ...(production ? [useHiddenSuggestions()] : []),
      ...(production ? [useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'] })] : []),
      // Queries compiled to JavaScript once per document (graphql-jit) when it is executed again:
      // uncached, the aggregate query went from 22 to 77 req/s at 1,000 pages (npm run bench); an
      // event page ~1.6× in-process. The first execution is graphql-js's (use-jit.ts).
      useJit(),
      useCalendar(source, options.log ?? silentLog),
      // Last: it records the verdict of every validation rule above (prepared-documents.ts).
      usePreparedDocuments(new PreparedDocuments()),
    ],
    batching: { limit: limits.maxBatch },
    // isDev undefined: Yoga's default (details in the answer when NODE_ENV=development).
    maskedErrors: { maskError: maskErrorRemembering, isDev: production ? false : undefined },
    cors: origins.length > 0 ? { origin: [...origins], methods: ['GET', 'POST'] } : !production,
    landingPage: false,
    logging: options.logging ?? false,
    // GraphiQL's assets are served from the package, not a CDN: the playground works offline.
    // They are loaded at the first page asked for: a 9 MB module, whose import cost every start
    // 0.4–0.6 s and 30 MB of heap (its source and the page's script, kept as strings).
    renderGraphiQL: (opts) => import('@graphql-yoga/render-graphiql').then((m) => m.renderGraphiQL(opts)),
    graphiql: graphiql && {
      title: 'Meetup content graph',
      defaultQuery,
    },
  });
}

/** Reloads of the source as a subscription stream (Yoga's pub/sub; SSE by default). */
function changeFeed(source: GraphSource): ChangeFeed | undefined {
  if (!source.onChange) return undefined;
  const pubsub = createPubSub<{ contentChanged: [ContentChange] }>();
  source.onChange((change) => pubsub.publish('contentChanged', change));
  return { subscribe: () => pubsub.subscribe('contentChanged') };
}
