import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parses a markdown body to an mdast tree (CommonMark + GFM tables, autolinks, strikethrough). */
export function parseMarkdown(body: string): Root {
  return processor.parse(body);
}
