import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The markdown dialect of pages: CommonMark with GFM tables, autolinks and strikethrough. One
 * frozen processor; rendering extends a copy of it (`markdownProcessor()`), so pages are read and
 * rendered by the same parser.
 */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses a markdown body to an mdast tree. */
export function parseMarkdown(body: string): Root {
  return markdownProcessor.parse(body);
}
