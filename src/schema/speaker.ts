import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import { loadOrNull } from './context.js';
import { coSpeakersOf, selectSpeakers } from '../queries/select-speakers.js';
import { connectionOf } from './connection.js';
import { renderRichText } from '../render/rich-text.js';
import { RichTextFormatEnum } from './rich-text.js';
import { SourceRefType } from './source.js';
import { objectsOf } from './relations.js';
import { EventRef, SpeakerRef, TalkRef } from './refs.js';

builder.node(SpeakerRef, {
  description: 'A person who presents at one or more events; one Speaker across every page that names them.',
  id: { resolve: (s) => s.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.speaker, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name pages most often give (a legal name where one is given).' }),
    aliases: t.exposeStringList('aliases', { description: 'Every other name pages give the same person: a 花名, the form used in an agenda.' }),
    affiliation: t.exposeString('affiliation', { nullable: true, description: 'Organisation, from the most recent event that states one.' }),
    bio: t.string({
      nullable: true,
      description: 'Introduction, from the most recent event that gives one.',
      args: { format: t.arg({ type: RichTextFormatEnum, defaultValue: 'MARKDOWN', description: 'How to return it.' }) },
      resolve: (s, args) => (s.bio === null ? null : renderRichText(s.bio, args.format ?? 'MARKDOWN')),
    }),
    sources: t.expose('sources', { type: [SourceRefType], ...boundedBy('speakerSources'), description: 'Every place a page introduces this person.' }),
    talks: t.field({
      type: [TalkRef],
      ...boundedBy('speakerTalks'),
      description: 'Talks this person gives, across every event.',
      resolve: (s, _args, ctx) => objectsOf(ctx.graph.talks, s.talkIds),
    }),
    events: t.field({
      type: [EventRef],
      ...boundedBy('speakerEvents'),
      description: 'Events this person presents at.',
      resolve: (s, _args, ctx) => objectsOf(ctx.graph.events, s.eventIds),
    }),
    talkCount: t.int({ description: 'Number of talks, across every event.', resolve: (s) => s.talkIds.length }),
    coSpeakers: t.field({
      type: [SpeakerRef],
      ...boundedBy('speakerCoSpeakers'),
      description: 'People who share a talk with this person, most shared talks first.',
      resolve: (s, _args, ctx) => objectsOf(ctx.graph.speakers, coSpeakersOf(ctx.graph, s).map((c) => c.id)),
    }),
  }),
});

const SpeakerFilterInput = builder.inputType('SpeakerFilter', {
  description: 'Criteria a speaker must all meet.',
  fields: (t) => ({
    namePrefix: t.string({ description: 'Start of the name or of any alias (case and width do not matter).' }),
    affiliation: t.string({ description: 'Organisation, as `Speaker.affiliation` gives it.' }),
    minTalks: t.int({ description: 'At least this many talks.' }),
  }),
});

const SpeakerOrderEnum = builder.enumType('SpeakerOrder', {
  description: 'Order of a speaker list.',
  values: {
    NAME: { description: 'By name (the default).' },
    TALK_COUNT: { description: 'Most talks first.' },
  },
});

builder.queryFields((t) => ({
  speakers: t.connection({
    type: SpeakerRef,
    description: 'Speakers, by name unless `orderBy` says otherwise. At most 100 per page.',
    args: {
      filter: t.arg({ type: SpeakerFilterInput, description: 'Criteria every returned speaker meets.' }),
      orderBy: t.arg({ type: SpeakerOrderEnum, defaultValue: 'NAME', description: 'Order of the list.' }),
    },
    resolve: (_root, args, ctx) => connectionOf(selectSpeakers(ctx.graph, args.filter ?? {}, args.orderBy ?? 'NAME'), args, (x) => x.id),
  }),
  speaker: t.field({
    type: SpeakerRef,
    nullable: true,
    description: 'One speaker by global id.',
    args: { id: t.arg.globalID({ for: SpeakerRef, required: true, description: 'Global id of the speaker.' }) },
    resolve: (_root, args, ctx) => ctx.graph.speakers.get(args.id.id) ?? null,
  }),
}));
