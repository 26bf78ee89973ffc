import { loadContent } from '../../src/store/load-content.js';
import type { Graph } from '../../src/model/graph.js';
import { createMeetupYoga, type MeetupYoga } from '../../src/server/yoga.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A Yoga instance over a fixed graph; requests go through `yoga.fetch`, no port. */
export function yogaFor(graph: Graph): MeetupYoga {
  return createMeetupYoga({ current: () => graph });
}

export async function yogaForFolder(dir: string): Promise<{ yoga: MeetupYoga; graph: Graph }> {
  const { graph } = await loadContent(dir);
  return { yoga: yogaFor(graph), graph };
}

/** POSTs one operation and returns the parsed GraphQL response. */
export async function execute<T = unknown>(yoga: MeetupYoga, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}
