import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import type { ContentChange } from '../model/source.js';
import { DiagnosticType } from './diagnostic.js';

const ContentChangeType = builder.objectRef<ContentChange>('ContentChange').implement({
  description: 'Pages that changed in one reload of the content folder.',
  fields: (t) => ({
    changed: t.exposeStringList('changed', { description: 'Pages added or edited (paths relative to the content folder).' }),
    removed: t.exposeStringList('removed', { description: 'Pages deleted or moved away.' }),
    diagnostics: t.expose('diagnostics', { type: [DiagnosticType], ...boundedBy('diagnostics'), description: 'Every content problem after the change.' }),
  }),
});

builder.subscriptionType({ description: 'Live updates, over server-sent events.' });

builder.subscriptionField('contentChanged', (t) =>
  t.field({
    type: ContentChangeType,
    description: 'Fires after the service reloads pages that were added, edited, renamed or deleted, so a preview can refresh.',
    subscribe: (_root, _args, ctx) => ctx.changes.subscribe(),
    resolve: (change) => change,
  }),
);
