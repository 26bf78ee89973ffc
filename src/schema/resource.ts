import { builder } from './builder.js';
import { loadOrNull } from './context.js';
import { EventRef, ResourceRef, TalkRef } from './refs.js';
import { objectOf } from './relations.js';
import { SourceRefType } from './source.js';

const ResourceKindEnum = builder.enumType('ResourceKind', {
  description: 'What a link leads to.',
  values: {
    SLIDES: { description: 'A deck: PDF, PPT, 资料下载.' },
    VIDEO: { description: 'A recording (回放).' },
    LIVESTREAM: { description: 'A live room (直播间).' },
    SIGNUP: { description: 'Registration (报名).' },
    RECAP: { description: 'An article reviewing the event (活动回顾).' },
    LINK: { description: 'Any other link worth following.' },
  },
});

builder.node(ResourceRef, {
  description: 'A link a visitor follows for an event or one of its talks.',
  id: { resolve: (r) => r.id },
  loadMany: (ids, ctx) => loadOrNull(ctx.loaders.resource, ids),
  fields: (t) => ({
    // A plain string, not graphql-scalars' URL: that scalar re-encodes addresses, and clients
    // should get the link exactly as the page wrote it.
    url: t.exposeString('url', { description: 'The destination, as the page writes it.' }),
    title: t.exposeString('title', { nullable: true, description: 'The link text, when it says more than the address.' }),
    kind: t.expose('kind', { type: ResourceKindEnum, description: 'What the link leads to.' }),
    source: t.expose('source', { type: SourceRefType, description: 'Where the link is on its page.' }),
    event: t.field({
      type: EventRef,
      description: 'The event the resource belongs to.',
      resolve: (r, _args, ctx) => objectOf(ctx.graph.events, r.eventId),
    }),
    talk: t.field({
      type: TalkRef,
      nullable: true,
      description: 'The talk the resource belongs to; null when it is for the whole event.',
      resolve: (r, _args, ctx) => (r.talkId ? (ctx.graph.talks.get(r.talkId) ?? null) : null),
    }),
  }),
});
