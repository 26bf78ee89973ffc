import { builder } from './builder.js';
import { boundedBy } from './list-bound.js';
import type { Diagnostic } from '../model/diagnostics.js';

const SeverityEnum = builder.enumType('DiagnosticSeverity', {
  description: 'How bad a content problem is.',
  values: {
    ERROR: { description: 'The page is not served.' },
    WARNING: { description: 'The page is served; one value was ignored or changed.' },
  },
});

export const DiagnosticType = builder.objectRef<Diagnostic>('Diagnostic').implement({
  description: 'A problem found in the content folder while loading it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable name of the problem (`FRONT_MATTER_SYNTAX`, `DUPLICATE_SLUG` …).' }),
    severity: t.expose('severity', { type: SeverityEnum, description: 'Whether the page was skipped.' }),
    path: t.exposeString('path', { description: 'Page path relative to the content folder.' }),
    line: t.exposeInt('line', { nullable: true, description: '1-based line of the problem in the file.' }),
    field: t.exposeString('field', { nullable: true, description: 'Front-matter field path, when one field is at fault.' }),
    message: t.exposeString('message', { description: 'What is wrong and what the service did about it.' }),
  }),
});

builder.queryField('diagnostics', (t) =>
  t.field({
    type: [DiagnosticType],
    ...boundedBy('diagnostics'),
    description: 'Problems found in the content, in path order. Empty when every page loaded cleanly.',
    resolve: (_root, _args, ctx) => ctx.graph.diagnostics,
  }),
);
