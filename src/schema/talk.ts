import { builder } from '../builder.js';
import { loadAll, loadOrNull } from '../context.js';
import { connectionOf } from './connection.js';
import { EventRef, ProjectRef, ResourceRef, SpeakerRef, TalkRef } from './refs.js';
import { SourceRefType } from './source.js';

builder.node(TalkRef, {
  description: 'A talk, keynote, panel or workshop session given at an event.',
  id: { resolve: (t) => t.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.talk, ids),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The title, without 《》 or quotes.' }),
    abstract: t.exposeString('abstract', { nullable: true, description: 'What the talk is about (markdown, as the page writes it).' }),
    takeaways: t.exposeString('takeaways', { nullable: true, description: 'What the audience takes home (markdown).' }),
    startsAt: t.expose('startsAt', { type: 'OffsetDateTime', nullable: true, description: 'Start, when the agenda states it.' }),
    endsAt: t.expose('endsAt', { type: 'OffsetDateTime', nullable: true, description: 'End, when the agenda states it.' }),
    source: t.expose('source', { type: SourceRefType, description: 'Where the talk was found on its page.' }),
    event: t.field({
      type: EventRef,
      description: 'The event the talk is given at.',
      resolve: (talk, _args, ctx) => ctx.loaders.event.load(talk.eventId),
    }),
    speakers: t.field({
      type: [SpeakerRef],
      description: 'Who presents it; for a panel, the moderator and the panelists.',
      resolve: (talk, _args, ctx) => loadAll(ctx.loaders.speaker, talk.speakerIds),
    }),
    resources: t.field({
      type: [ResourceRef],
      description: 'Slides and recordings of this talk.',
      resolve: (talk, _args, ctx) => loadAll(ctx.loaders.resource, talk.resourceIds),
    }),
    projects: t.field({
      type: [ProjectRef],
      description: "Projects linked from the talk's own section.",
      resolve: (talk, _args, ctx) => loadAll(ctx.loaders.project, talk.projectIds),
    }),
  }),
});

builder.queryFields((t) => ({
  talks: t.connection({
    type: TalkRef,
    description: 'Every talk of every event, events newest first, talks in page order. At most 100 per page.',
    resolve: async (_root, args, ctx) => connectionOf(await loadAll(ctx.loaders.talk, ctx.graph.talkOrder), args, (x) => x.id),
  }),
  talk: t.field({
    type: TalkRef,
    nullable: true,
    description: 'One talk by its global id.',
    args: { id: t.arg.globalID({ for: TalkRef, required: true, description: 'Global id of the talk.' }) },
    resolve: (_root, args, ctx) => (ctx.graph.talks.has(args.id.id) ? ctx.loaders.talk.load(args.id.id) : null),
  }),
}));
