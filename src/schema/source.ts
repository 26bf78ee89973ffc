import { builder } from './builder.js';
import type { SourceRef } from '../model/records.js';

export const SourceRefType = builder.objectRef<SourceRef>('SourceLocation').implement({
  description: 'Where a value was read: the page file and line, so an author can see why a field has its value.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Path of the page relative to the content folder, with `/` separators.' }),
    line: t.exposeInt('line', { nullable: true, description: '1-based line in the file, when known.' }),
  }),
});

export const FactSourceType = builder.objectRef<{ field: string; source: SourceRef }>('FactSource').implement({
  description: 'Where one event fact (date, venue …) was read on its page.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The Event field: `date`, `startTime`, `endTime`, `city`, `venue`, `format` or `title`.' }),
    path: t.string({ description: 'Path of the page relative to the content folder.', resolve: (f) => f.source.path }),
    line: t.int({ nullable: true, description: '1-based line the value was read from (1 for front matter).', resolve: (f) => f.source.line }),
  }),
});
