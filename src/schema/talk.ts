import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import { loadOrNull } from './context.js';
import { relatedTalks } from '../queries/related-talks.js';
import { selectTalks } from '../queries/select-talks.js';
import { connectionOf } from './connection.js';
import { listSize, listSizeArg } from './page-size.js';
import { idsMatching } from '../search/matching.js';
import { EventRef, ProjectRef, ResourceRef, SpeakerRef, TalkRef } from './refs.js';
import { renderRichText } from '../render/rich-text.js';
import { RichTextFormatEnum } from './rich-text.js';
import { SourceRefType } from './source.js';
import { objectOf, objectsOf } from './relations.js';
import { checkedSearchText } from './search-text.js';

/** Related talks listed unless `first` says otherwise. */
const RELATED = 5;

builder.node(TalkRef, {
  description: 'A talk, keynote, panel or workshop session given at an event.',
  id: { resolve: (t) => t.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.talk, ids),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The title, without 《》 or quotes.' }),
    abstract: t.string({
      nullable: true,
      description: 'What the talk is about.',
      args: { format: t.arg({ type: RichTextFormatEnum, defaultValue: 'MARKDOWN', description: 'How to return it.' }) },
      resolve: (talk, args) => (talk.abstract === null ? null : renderRichText(talk.abstract, args.format ?? 'MARKDOWN')),
    }),
    takeaways: t.string({
      nullable: true,
      description: 'What the audience takes home.',
      args: { format: t.arg({ type: RichTextFormatEnum, defaultValue: 'MARKDOWN', description: 'How to return it.' }) },
      resolve: (talk, args) => (talk.takeaways === null ? null : renderRichText(talk.takeaways, args.format ?? 'MARKDOWN')),
    }),
    startsAt: t.expose('startsAt', { type: 'OffsetDateTime', nullable: true, description: 'Start, when the agenda states it.' }),
    endsAt: t.expose('endsAt', { type: 'OffsetDateTime', nullable: true, description: 'End, when the agenda states it.' }),
    source: t.expose('source', { type: SourceRefType, description: 'Where the talk was found on its page.' }),
    event: t.field({
      type: EventRef,
      description: 'The event the talk is given at.',
      resolve: (talk, _args, ctx) => objectOf(ctx.graph.events, talk.eventId),
    }),
    speakers: t.field({
      type: [SpeakerRef],
      ...boundedBy('talkSpeakers'),
      description: 'Who presents it; for a panel, the moderator and the panelists.',
      resolve: (talk, _args, ctx) => objectsOf(ctx.graph.speakers, talk.speakerIds),
    }),
    resources: t.field({
      type: [ResourceRef],
      ...boundedBy('talkResources'),
      description: 'Slides and recordings of this talk.',
      resolve: (talk, _args, ctx) => objectsOf(ctx.graph.resources, talk.resourceIds),
    }),
    projects: t.field({
      type: [ProjectRef],
      ...boundedBy('talkProjects'),
      description: "Projects linked from the talk's own section.",
      resolve: (talk, _args, ctx) => objectsOf(ctx.graph.projects, talk.projectIds),
    }),
    related: t.field({
      type: [TalkRef],
      description: 'Talks sharing speakers (weighs most), projects or event tags with this one, most related first.',
      args: { first: t.arg.int(listSizeArg(RELATED)) },
      resolve: (talk, args, ctx) => {
        const ids = relatedTalks(ctx.graph, talk, listSize(args.first, RELATED)).map((r) => r.id);
        return objectsOf(ctx.graph.talks, ids);
      },
    }),
  }),
});

const TalkFilterInput = builder.inputType('TalkFilter', {
  description: 'Criteria a talk must all meet.',
  fields: (t) => ({
    event: t.globalID({ for: EventRef, description: 'Global id of the event.' }),
    speaker: t.globalID({ for: SpeakerRef, description: 'Global id of a speaker of the talk.' }),
    project: t.string({ description: 'Slug of a project the talk links (`acme/widget`).' }),
    year: t.int({ description: 'Calendar year of the talk’s event.' }),
    hasSlides: t.boolean({ description: 'Whether the talk has slides.' }),
    hasVideo: t.boolean({ description: 'Whether the talk has a recording.' }),
    text: t.string({ description: 'Free text over title, abstract and takeaways.' }),
  }),
});

builder.queryFields((t) => ({
  talks: t.connection({
    type: TalkRef,
    description: 'Talks of every event, events newest first, talks in page order. At most 100 per page.',
    args: { filter: t.arg({ type: TalkFilterInput, description: 'Criteria every returned talk meets.' }) },
    resolve: async (_root, args, ctx) => {
      const f = args.filter;
      const filter = f ? { ...f, event: f.event?.id ?? null, speaker: f.speaker?.id ?? null, ids: f.text ? await idsMatching(ctx.graph, checkedSearchText('filter.text', f.text), 'TALK') : null } : {};
      return connectionOf(selectTalks(ctx.graph, filter), args, (x) => x.id);
    },
  }),
  talk: t.field({
    type: TalkRef,
    nullable: true,
    description: 'One talk by its global id.',
    args: { id: t.arg.globalID({ for: TalkRef, required: true, description: 'Global id of the talk.' }) },
    resolve: (_root, args, ctx) => ctx.graph.talks.get(args.id.id) ?? null,
  }),
}));
