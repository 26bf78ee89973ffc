import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import { statsOf, type Bucket, type GraphStats } from '../queries/stats.js';
import { listSize, listSizeArg } from './page-size.js';
import { ProjectRef, SpeakerRef } from './refs.js';

/** Entries of a top list unless `first` says otherwise. */
const TOP = 10;

const BucketType = builder.objectRef<Bucket>('CountBucket').implement({
  description: 'How many events share one value (a year, a city …).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The value: `2021`, `上海`, `OFFLINE`, `DevMeetup` …' }),
    count: t.exposeInt('count', { description: 'Number of events with it.' }),
  }),
});

const SpeakerCountType = builder.objectRef<{ speaker: GraphStats['speakersByTalks'][number] }>('SpeakerTalkCount').implement({
  description: 'A speaker with their number of talks.',
  fields: (t) => ({
    speaker: t.field({ type: SpeakerRef, description: 'The speaker.', resolve: (r) => r.speaker }),
    talks: t.int({ description: 'Number of talks, across every event.', resolve: (r) => r.speaker.talkIds.length }),
  }),
});

const ProjectCountType = builder.objectRef<{ project: GraphStats['projectsByTalks'][number] }>('ProjectTalkCount').implement({
  description: 'A project with the number of talks that link it.',
  fields: (t) => ({
    project: t.field({ type: ProjectRef, description: 'The project.', resolve: (r) => r.project }),
    talks: t.int({ description: 'Number of talks that link it.', resolve: (r) => r.project.talkIds.length }),
  }),
});

const StatsType = builder.objectRef<GraphStats>('Stats').implement({
  description: 'Figures over the whole content, for dashboards; computed once per content version.',
  fields: (t) => ({
    events: t.exposeInt('events', { description: 'Number of events.' }),
    talks: t.exposeInt('talks', { description: 'Number of talks.' }),
    speakers: t.exposeInt('speakers', { description: 'Number of distinct speakers.' }),
    projects: t.exposeInt('projects', { description: 'Number of distinct projects.' }),
    resources: t.exposeInt('resources', { description: 'Number of resources (slides, videos …).' }),
    eventsByYear: t.expose('eventsByYear', { type: [BucketType], ...boundedBy('eventsByYear'), description: 'Events per year, newest year first.' }),
    eventsByCity: t.expose('eventsByCity', { type: [BucketType], ...boundedBy('eventsByCity'), description: 'Events per city, most first (online-only events have no city).' }),
    eventsByFormat: t.expose('eventsByFormat', { type: [BucketType], ...boundedBy('eventsByFormat'), description: 'Events per format, most first.' }),
    eventsBySeries: t.expose('eventsBySeries', { type: [BucketType], ...boundedBy('eventsBySeries'), description: 'Events per series, most first.' }),
    topSpeakers: t.field({
      type: [SpeakerCountType],
      description: 'Speakers with the most talks.',
      args: { first: t.arg.int(listSizeArg(TOP)) },
      resolve: (s, args) => s.speakersByTalks.slice(0, listSize(args.first, TOP)).map((speaker) => ({ speaker })),
    }),
    topProjects: t.field({
      type: [ProjectCountType],
      description: 'Projects linked by the most talks.',
      args: { first: t.arg.int(listSizeArg(TOP)) },
      resolve: (s, args) => s.projectsByTalks.slice(0, listSize(args.first, TOP)).map((project) => ({ project })),
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({ type: StatsType, description: 'Counts and rankings over all content, in one query.', resolve: (_root, _args, ctx) => statsOf(ctx.graph) }),
);
