import { useGraphQlJit } from '@envelop/graphql-jit';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createPubSub, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useCalendar } from './calendar/use-calendar.js';
import type { ContentChange } from './content/content-store.js';
import { createContext, type ChangeFeed, type Context } from './context.js';
import { defaultQuery } from './graphiql-query.js';
import type { Graph } from './model/graph.js';
import { schema } from './schema/index.js';

/** Hands each request the graph that is current when it starts, and tells of reloads. */
export interface GraphSource {
  current(): Graph;
  onChange?(listener: (change: ContentChange) => void): () => void;
}

export interface MeetupYogaOptions {
  readonly logging?: boolean;
  /** The clock "upcoming" and "past" read (tests fix it). */
  readonly now?: () => Date;
}

export type MeetupYoga = YogaServerInstance<Record<string, never>, Context>;

/** Builds the Yoga instance; listening is the caller's business (tests call `yoga.fetch`). */
export function createMeetupYoga(source: GraphSource, options: MeetupYogaOptions = {}): MeetupYoga {
  const changes = changeFeed(source);
  const now = options.now ?? (() => new Date());
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(source.current(), now(), changes),
    graphqlEndpoint: '/graphql',
    // Queries compiled to JavaScript once per document (graphql-jit): uncached, the aggregate
    // query went from 22 to 77 req/s at 1,000 pages (npm run bench); an event page ~1.6× in-process.
    plugins: [useGraphQlJit(), useCalendar(source)],
    landingPage: false,
    logging: options.logging ?? false,
    // GraphiQL's assets are served from the package, not a CDN: the playground works offline.
    renderGraphiQL,
    graphiql: {
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
