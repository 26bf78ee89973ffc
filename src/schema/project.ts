import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import { loadOrNull } from './context.js';
import { projectKey } from '../model/keys.js';
import { selectProjects } from '../queries/select-projects.js';
import { connectionOf } from './connection.js';
import { SourceRefType } from './source.js';
import { objectsOf } from './relations.js';
import { EventRef, ProjectRef, TalkRef } from './refs.js';

builder.node(ProjectRef, {
  description: 'A code project linked from meetup pages; one per repository across all pages.',
  id: { resolve: (p) => p.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.project, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: '`owner/repo` in lower case for GitHub; `host/owner/repo` for other code hosts.' }),
    name: t.exposeString('name', { description: 'Repository name.' }),
    url: t.exposeString('url', { description: 'Canonical address of the repository.' }),
    sources: t.expose('sources', { type: [SourceRefType], ...boundedBy('projectSources'), description: 'The first link to the project on each page that links it.' }),
    talks: t.field({
      type: [TalkRef],
      ...boundedBy('projectTalks'),
      description: 'Talks whose section links to the project, across every event.',
      resolve: (p, _args, ctx) => objectsOf(ctx.graph.talks, p.talkIds),
    }),
    talkCount: t.int({ description: 'Number of talks that link the project.', resolve: (p) => p.talkIds.length }),
    events: t.field({
      type: [EventRef],
      ...boundedBy('projectEvents'),
      description: 'Events whose page links to the project.',
      resolve: (p, _args, ctx) => objectsOf(ctx.graph.events, p.eventIds),
    }),
  }),
});

const ProjectOrderEnum = builder.enumType('ProjectOrder', {
  description: 'Order of a project list.',
  values: {
    SLUG: { description: 'By slug (the default).' },
    TALK_COUNT: { description: 'Most talks first.' },
  },
});

builder.queryFields((t) => ({
  projects: t.connection({
    type: ProjectRef,
    description: 'Every project, by slug unless `orderBy` says otherwise. At most 100 per page.',
    args: { orderBy: t.arg({ type: ProjectOrderEnum, defaultValue: 'SLUG', description: 'Order of the list.' }) },
    resolve: (_root, args, ctx) => connectionOf(selectProjects(ctx.graph, args.orderBy ?? 'SLUG'), args, (x) => x.id),
  }),
  project: t.field({
    type: ProjectRef,
    nullable: true,
    description: 'One project by slug (`acme/widget`).',
    args: { slug: t.arg.string({ required: true, description: 'The project slug; case does not matter.' }) },
    resolve: (_root, args, ctx) => {
      const slug = projectKey(args.slug);
      return ctx.graph.projects.get(slug) ?? null;
    },
  }),
}));
