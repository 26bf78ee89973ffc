import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import { loadOrNull } from './context.js';
import { EVENT_FACT_FIELDS } from '../model/records.js';
import { eventIdBySlug } from '../queries/event-by-slug.js';
import { selectEvents } from '../queries/select-events.js';
import { eventIdsMatching } from '../search/matching.js';
import { connectionOf } from './connection.js';
import { EventRef, ProjectRef, ResourceRef, SpeakerRef, TalkRef } from './refs.js';
import { renderRichText } from '../render/rich-text.js';
import { RichTextFormatEnum } from './rich-text.js';
import { FactSourceType, SourceRefType } from './source.js';
import { objectsOf } from './relations.js';
import { checkedSearchText } from './search-text.js';

export const EventFormatEnum = builder.enumType('EventFormat', {
  description: 'How people attend.',
  values: {
    OFFLINE: { description: 'In person (线下).' },
    ONLINE: { description: 'Online only: a live stream or webinar (线上 / 直播).' },
    HYBRID: { description: 'In person and streamed (线下 + 线上直播).' },
  },
});

const EventOrderEnum = builder.enumType('EventOrder', {
  description: 'Order of an event list.',
  values: {
    DATE_DESC: { description: 'Newest first (the default). Events without a date sort by publication date.' },
    DATE_ASC: { description: 'Oldest first.' },
    TITLE_ASC: { description: 'By title.' },
  },
});

const EventTimingEnum = builder.enumType('EventTiming', {
  description: 'Whether an event is still to come.',
  values: {
    UPCOMING: { description: 'Has not ended yet.' },
    PAST: { description: 'Has ended.' },
  },
});

const EventFilterInput = builder.inputType('EventFilter', {
  description: 'Criteria an event must all meet.',
  fields: (t) => ({
    text: t.string({ description: 'Free text: events whose title, description, venue, city or series match, or that hold a matching talk.' }),
    year: t.int({ description: 'Calendar year of the event (or of its publication when the page states no day).' }),
    timing: t.field({ type: EventTimingEnum, description: 'Upcoming or past, relative to now.' }),
    series: t.string({ description: 'Series name, any spelling (`DevMeetup`, `dev meetup`).' }),
    language: t.string({ description: 'Language folder of the page (`zh`, `en`).' }),
    city: t.string({ description: 'City, as `Event.city` gives it.' }),
    format: t.field({ type: EventFormatEnum, description: 'How people attend.' }),
    tag: t.string({ description: 'A front-matter tag.' }),
    category: t.string({ description: 'A front-matter category.' }),
    speaker: t.globalID({ for: SpeakerRef, description: 'Global id of a speaker who talks at the event.' }),
    project: t.string({ description: 'Slug of a project the event links to (`acme/widget`).' }),
    from: t.field({ type: 'LocalDate', description: 'Events on or after this day.' }),
    to: t.field({ type: 'LocalDate', description: 'Events on or before this day.' }),
  }),
});

builder.node(EventRef, {
  description: 'One meetup, read from one markdown page.',
  id: { resolve: (e) => e.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.event, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL name of the page (its bundle folder or file name); unique per language.' }),
    sourcePath: t.exposeString('sourcePath', { description: 'Path of the page relative to the content folder, e.g. `zh/activities/meetup-8/index.md`.' }),
    language: t.exposeString('language', { nullable: true, description: 'Language folder the page sits in (`zh`, `en`), null when none.' }),
    title: t.exposeString('title', { description: 'The page title, verbatim.' }),
    description: t.exposeString('description', { nullable: true, description: 'The front-matter description.' }),
    date: t.expose('date', { type: 'LocalDate', nullable: true, description: 'Local calendar day the event takes place (first day); null when the page states none.' }),
    startsAt: t.expose('startsAt', { type: 'OffsetDateTime', nullable: true, description: "Start, in the event's own UTC offset; null when no time of day is stated." }),
    endsAt: t.expose('endsAt', { type: 'OffsetDateTime', nullable: true, description: "End, in the event's own UTC offset; null when not stated." }),
    city: t.exposeString('city', { nullable: true, description: 'City, from the venue or a "杭州站" style title; null for online-only events.' }),
    venue: t.exposeString('venue', { nullable: true, description: 'The place as the page states it.' }),
    format: t.expose('format', { type: EventFormatEnum, nullable: true, description: 'How people attend; null when the page does not say.' }),
    tags: t.exposeStringList('tags', { description: 'Front-matter tags.' }),
    categories: t.exposeStringList('categories', { description: 'Front-matter categories.' }),
    cover: t.exposeString('cover', { nullable: true, description: 'URL of the cover image.' }),
    series: t.exposeString('series', {
      nullable: true,
      description: 'The series the event belongs to, one spelling across pages (`DevMeetup` for "Dev Stack Meetup#7"); from a "Name#N" title or front-matter `series`.',
    }),
    edition: t.exposeInt('edition', { nullable: true, description: 'The number of the event in its series (7 for "Meetup#7").' }),
    body: t.string({
      description: 'The body of the page, after the front matter.',
      args: { format: t.arg({ type: RichTextFormatEnum, defaultValue: 'MARKDOWN', description: 'How to return it.' }) },
      resolve: (e, args) => renderRichText(e.body, args.format ?? 'MARKDOWN'),
    }),
    source: t.expose('source', { type: SourceRefType, description: 'The page file.' }),
    factSources: t.field({
      type: [FactSourceType],
      ...boundedBy('eventFactSources'),
      description: 'Where each fact read from the page body (date, times, venue, city, format) was found.',
      resolve: (e) =>
        EVENT_FACT_FIELDS.flatMap((field) => {
          const source = e.sources[field];
          return source ? [{ field, source }] : [];
        }),
    }),
    talks: t.field({
      type: [TalkRef],
      ...boundedBy('eventTalks'),
      description: 'Talks in page order.',
      resolve: (e, _args, ctx) => objectsOf(ctx.graph.talks, e.talkIds),
    }),
    speakers: t.field({
      type: [SpeakerRef],
      ...boundedBy('eventSpeakers'),
      description: 'Everyone who presents at this event, once each.',
      resolve: (e, _args, ctx) => objectsOf(ctx.graph.speakers, e.speakerIds),
    }),
    resources: t.field({
      type: [ResourceRef],
      ...boundedBy('eventResources'),
      description: 'Slides, recordings, live rooms, sign-up and recap links of the event and its talks.',
      resolve: (e, _args, ctx) => objectsOf(ctx.graph.resources, e.resourceIds),
    }),
    projects: t.field({
      type: [ProjectRef],
      ...boundedBy('eventProjects'),
      description: 'Code projects the page links to.',
      resolve: (e, _args, ctx) => objectsOf(ctx.graph.projects, e.projectIds),
    }),
  }),
});

builder.queryFields((t) => ({
  events: t.connection({
    type: EventRef,
    description: 'Events, newest first unless `orderBy` says otherwise. At most 100 per page.',
    args: {
      filter: t.arg({ type: EventFilterInput, description: 'Criteria every returned event meets.' }),
      orderBy: t.arg({ type: EventOrderEnum, defaultValue: 'DATE_DESC', description: 'Order of the list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const f = args.filter;
      const filter = f ? { ...f, speaker: f.speaker?.id ?? null, ids: f.text ? await eventIdsMatching(ctx.graph, checkedSearchText('filter.text', f.text)) : null } : {};
      return connectionOf(selectEvents(ctx.graph, filter, args.orderBy ?? 'DATE_DESC', ctx.now), args, (e) => e.id);
    },
  }),
  event: t.field({
    type: EventRef,
    nullable: true,
    description: 'One event by slug. Slugs are unique per language; without `language` the first language in path order is used.',
    args: {
      slug: t.arg.string({ required: true, description: 'The page slug.' }),
      language: t.arg.string({ description: 'Language folder (`zh`, `en`).' }),
    },
    resolve: (_root, args, ctx) => {
      const id = eventIdBySlug(ctx.graph, args.slug, args.language);
      return id ? (ctx.graph.events.get(id) ?? null) : null;
    },
  }),
}));
