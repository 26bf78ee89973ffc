import { builder } from './builder.js';

builder.queryField('contentVersion', (t) =>
  t.string({
    description:
      'Names the content version that answered: it changes each time the service swaps in reloaded pages, and every field of one response comes from that one version. Opaque: compare for equality only; a restart starts new names.',
    // The request's own graph, never the store's current one: reading "now" here could name a
    // newer version than the rest of the answer was computed from.
    resolve: (_root, _args, ctx) => ctx.graph.version,
  }),
);
