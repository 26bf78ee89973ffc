import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { needsRemark, parseWithMarkdownIt } from './markdown-it-mdast.js';

/**
 * The markdown dialect of pages: CommonMark with GFM tables, autolinks and strikethrough. One
 * frozen processor; rendering extends a copy of it (`markdownProcessor()`), so pages are read and
 * rendered by the same parser.
 */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Parses a markdown body to an mdast tree: with markdown-it, ~20 times faster, into the tree
 * remark gives for everything extraction reads; with remark itself for the few constructs the
 * converter cannot match (see markdown-it-mdast.ts).
 */
export function parseMarkdown(body: string): Root {
  return (needsRemark(body) ? null : parseWithMarkdownIt(body)) ?? parseWithRemark(body);
}

/** The reference parse, which rendering also uses. */
export function parseWithRemark(body: string): Root {
  return markdownProcessor.parse(body);
}
