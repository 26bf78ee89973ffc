import { builder } from '../builder.js';
import { loadAll, loadOrNull } from '../context.js';
import { connectionOf } from './connection.js';
import { SourceRefType } from './source.js';
import { EventRef, SpeakerRef, TalkRef } from './refs.js';

builder.node(SpeakerRef, {
  description: 'A person who presents at one or more events; one Speaker across every page that names them.',
  id: { resolve: (s) => s.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.speaker, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name pages most often give (a legal name where one is given).' }),
    aliases: t.exposeStringList('aliases', { description: 'Every other name pages give the same person: a 花名, the form used in an agenda.' }),
    affiliation: t.exposeString('affiliation', { nullable: true, description: 'Organisation, from the most recent event that states one.' }),
    bio: t.exposeString('bio', { nullable: true, description: 'Introduction (markdown), from the most recent event that gives one.' }),
    sources: t.expose('sources', { type: [SourceRefType], description: 'Every place a page introduces this person.' }),
    talks: t.field({
      type: [TalkRef],
      description: 'Talks this person gives, across every event.',
      resolve: (s, _args, ctx) => loadAll(ctx.loaders.talk, s.talkIds),
    }),
    events: t.field({
      type: [EventRef],
      description: 'Events this person presents at.',
      resolve: (s, _args, ctx) => loadAll(ctx.loaders.event, s.eventIds),
    }),
  }),
});

builder.queryFields((t) => ({
  speakers: t.connection({
    type: SpeakerRef,
    description: 'Every speaker, by name. At most 100 per page.',
    resolve: async (_root, args, ctx) => connectionOf(await loadAll(ctx.loaders.speaker, ctx.graph.speakerOrder), args, (x) => x.id),
  }),
  speaker: t.field({
    type: SpeakerRef,
    nullable: true,
    description: 'One speaker by global id.',
    args: { id: t.arg.globalID({ for: SpeakerRef, required: true, description: 'Global id of the speaker.' }) },
    resolve: (_root, args, ctx) => (ctx.graph.speakers.has(args.id.id) ? ctx.loaders.speaker.load(args.id.id) : null),
  }),
}));
