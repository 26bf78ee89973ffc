import { builder } from './builder.js';

/** How a markdown field is returned. */
export const RichTextFormatEnum = builder.enumType('RichTextFormat', {
  description: 'How a markdown field of a page is returned.',
  values: {
    MARKDOWN: { description: 'As the page writes it (the default).' },
    HTML: { description: 'Rendered to HTML and sanitised: no scripts, event handlers or `javascript:` links.' },
    TEXT: { description: 'Plain text without markup: for previews, meta tags and search.' },
  },
});
