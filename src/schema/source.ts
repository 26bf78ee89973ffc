import { builder } from '../builder.js';
import type { SourceRef } from '../model/records.js';

export const SourceRefType = builder.objectRef<SourceRef>('SourceLocation').implement({
  description: 'Where a value was read: the page file and line, so an author can see why a field has its value.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Path of the page relative to the content folder, with `/` separators.' }),
    line: t.exposeInt('line', { nullable: true, description: '1-based line in the file, when known.' }),
  }),
});
