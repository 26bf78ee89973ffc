import { builder } from './builder.js';
import type { Context } from './context.js';
import type { Event, Project, Speaker, Talk } from '../model/graph.js';
import { searchIndexFor, type SearchHit } from '../search/search-index.js';
import { connectionOf } from './connection.js';
import { checkedSize, DEFAULT_PAGE_SIZE } from './page-size.js';
import { EventRef, ProjectRef, SpeakerRef, TalkRef } from './refs.js';
import { checkedSearchText } from './search-text.js';

const SearchTypeEnum = builder.enumType('SearchType', {
  description: 'A kind of object search can return.',
  values: {
    EVENT: { description: 'Events (title, description, venue, city, series).' },
    TALK: { description: 'Talks (title, abstract, takeaways).' },
    SPEAKER: { description: 'Speakers (name, aliases, affiliation, bio).' },
    PROJECT: { description: 'Projects (slug, name).' },
  },
});

type Found = { hit: SearchHit; node: Event | Talk | Speaker | Project };

const SearchResultUnion = builder.unionType('SearchResult', {
  description: 'An object found by search.',
  types: [EventRef, TalkRef, SpeakerRef, ProjectRef],
  // Graph objects are plain records; the hit that found them says which kind they are.
  resolveType: (node, ctx: Context) => {
    if (ctx.graph.talks.get(node.id) === node) return TalkRef;
    if (ctx.graph.speakers.get(node.id) === node) return SpeakerRef;
    if (ctx.graph.projects.get(node.id) === node) return ProjectRef;
    return EventRef;
  },
});

const SearchHitType = builder.objectRef<Found>('SearchHit').implement({
  description: 'One search result with its rank and a highlighted excerpt.',
  fields: (t) => ({
    score: t.float({ description: 'Relevance; higher is better. Comparable within one search only.', resolve: (f) => f.hit.score }),
    field: t.string({ description: 'The field the snippet is taken from (`title`, `abstract`, `name` …).', resolve: (f) => f.hit.field }),
    snippet: t.string({
      description: 'HTML-escaped text around the match, with the matched words in `<mark>…</mark>`.',
      resolve: (f) => f.hit.snippet,
    }),
    node: t.field({ type: SearchResultUnion, description: 'The object found.', resolve: (f) => f.node }),
  }),
});

function nodeOf(graph: Context['graph'], hit: SearchHit): Found['node'] | undefined {
  if (hit.type === 'EVENT') return graph.events.get(hit.id);
  if (hit.type === 'TALK') return graph.talks.get(hit.id);
  if (hit.type === 'SPEAKER') return graph.speakers.get(hit.id);
  return graph.projects.get(hit.id);
}

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchHitType,
      description:
        'Full-text search over events, talks, speakers and projects, best first. Chinese needs no spaces ("注册中心" finds "示例注册中心 FooRegistry 分享"); mixed Chinese and English works.',
      args: {
        query: t.arg.string({ required: true, description: 'Words to find; all must match, else the best partial matches are returned.' }),
        types: t.arg({ type: [SearchTypeEnum], description: 'Only these kinds of object (all when absent).' }),
      },
      resolve: async (_root, args, ctx) => {
        const query = checkedSearchText('query', args.query);
        const found = (await searchIndexFor(ctx.graph)).find(query, { types: args.types ?? undefined });
        // Thousands of matches, ten shown: without a cursor only the first page is ranked and made
        // into hits (a cursor needs the order up to it, so then all are). An index read for another
        // graph (while the request's graph's index is built) leaves out objects this graph lacks.
        const firstPage = !args.after && !args.before && args.last == null;
        const hits = found.best(firstPage ? checkedSize('first', args.first) ?? DEFAULT_PAGE_SIZE : Infinity);
        const cut = connectionOf(hits, args, (hit) => `${hit.type}:${hit.id}`);
        const page = firstPage
          ? { ...cut, totalCount: found.total, pageInfo: { ...cut.pageInfo, hasNextPage: cut.edges.length < found.total } }
          : cut;
        return {
          ...page,
          edges: page.edges.flatMap(({ cursor, node: hit }) => {
            const node = nodeOf(ctx.graph, hit);
            return node ? [{ cursor, node: { hit, node } }] : [];
          }),
        };
      },
    },
    { name: 'SearchConnection' },
    { name: 'SearchEdge' },
  ),
);
