import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';
import { sizedByArgument } from './list-bound.js';

/** The Pothos builder, its plugins, and the Context and Scalars types: nothing else. */
export const builder = new SchemaBuilder<{
  Context: Context;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  Scalars: {
    LocalDate: { Input: string; Output: string };
    OffsetDateTime: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: {
      description: 'Fetches any object by its global `id`.',
      args: { id: { description: 'A global id from any `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by their global `id`s.',
      args: { ids: { description: 'Global ids from any `id` fields.' } },
      ...sizedByArgument('ids'),
    },
    idFieldOptions: { description: 'Global, stable id, derived from content (not from load order).' },
    nodeTypeOptions: { description: 'An object that can be fetched by its global id with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a list sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass it as `after` for the next page.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after` / `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    pageInfoFieldOptions: { description: 'Whether more pages exist, and the cursors to reach them.' },
    firstArgOptions: { description: `Number of items to return from the start (at most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} by default).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: `Number of items to return from the end (at most ${MAX_PAGE_SIZE}).` },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, with the total size of the list.' },
    defaultEdgeTypeOptions: { description: 'One item of a page, with its cursor.' },
  },
});

builder.queryType({ description: 'Meetups, their talks, speakers, resources and projects, read from markdown pages.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'Number of items in the whole list, across all pages.', resolve: (connection) => connection.totalCount }),
);
