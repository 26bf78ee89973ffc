import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context } from './context.js';
import { defaultQuery } from './graphiql-query.js';
import type { Graph } from './model/graph.js';
import { schema } from './schema/index.js';

/** Hands each request the graph that is current when it starts. */
export interface GraphSource {
  current(): Graph;
}

export type MeetupYoga = YogaServerInstance<Record<string, never>, Context>;

/** Builds the Yoga instance; listening is the caller's business (tests call `yoga.fetch`). */
export function createMeetupYoga(source: GraphSource, options: { logging?: boolean } = {}): MeetupYoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => createContext(source.current()),
    graphqlEndpoint: '/graphql',
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
