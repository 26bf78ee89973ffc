import type { Nodes } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { checkMarkdownLimits } from '../content/markdown-limits.js';
import { markdownProcessor, parseMarkdown } from '../content/markdown.js';
import { escapeHtml } from './escape-html.js';

/** How a markdown field is returned to API clients. */
export type RichTextFormat = 'MARKDOWN' | 'HTML' | 'TEXT';

// Page markdown is untrusted: raw HTML is parsed into the tree (rehype-raw) so that the
// sanitizer sees real elements and attributes instead of an opaque string it would pass through.
// The default schema unwraps <style> but keeps its CSS as visible text; strip it like <script>.
const sanitizeSchema = { ...defaultSchema, strip: [...(defaultSchema.strip ?? []), 'style'] };
const htmlProcessor = markdownProcessor()
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze();

// The same abstracts are rendered on every request; bound the cache so an unusual query over
// the whole corpus cannot grow it without limit.
const CACHE_LIMIT = 2000;
const renderCache = new Map<string, string>();

// Pages put `<br/>` between words without spaces; dropping it outright would glue them together.
const BR_TAG = /^<br\b[^>]*>$/i;

/**
 * Render page markdown in the requested format.
 * @param markdown Markdown source, possibly containing raw HTML.
 * @param format `MARKDOWN` returns the input; `HTML` sanitized HTML; `TEXT` plain text.
 * @returns The rendered string (memoised).
 */
export function renderRichText(markdown: string, format: RichTextFormat): string {
  if (format === 'MARKDOWN') return markdown;
  const key = `${format}\u0000${markdown}`;
  const cached = renderCache.get(key);
  if (cached !== undefined) {
    // Re-insert so Map iteration order doubles as least-recently-used order.
    renderCache.delete(key);
    renderCache.set(key, cached);
    return cached;
  }
  const rendered = checkMarkdownLimits(markdown) ? unparsed(markdown, format) : format === 'HTML' ? String(htmlProcessor.processSync(markdown)) : markdownToText(markdown);
  renderCache.set(key, rendered);
  if (renderCache.size > CACHE_LIMIT) {
    const oldest = renderCache.keys().next();
    if (!oldest.done) renderCache.delete(oldest.value);
  }
  return rendered;
}

/**
 * Markdown the parser would take too long on, served as it stands. Pages are checked when they
 * load; this also covers front-matter fields and text put together from several blocks.
 * @param markdown Markdown source over the parsing limits.
 * @param format `HTML` or `TEXT`.
 * @returns The source, escaped as one paragraph for HTML.
 */
function unparsed(markdown: string, format: 'HTML' | 'TEXT'): string {
  return format === 'HTML' ? `<p>${escapeHtml(markdown)}</p>` : markdown;
}

/**
 * Plain text of markdown for previews and search: blocks separated by blank lines.
 * @param markdown Markdown source.
 * @returns Text without markdown syntax, HTML tags or link URLs.
 */
function markdownToText(markdown: string): string {
  return blockText(parseMarkdown(markdown)).trim();
}

/**
 * Text of a node, keeping block boundaries that mdast-util-to-string would glue together.
 * @param node Any mdast node.
 * @returns Its visible text; empty for raw HTML, definitions and breaks between sections.
 */
function blockText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'html':
      return BR_TAG.test(node.value.trim()) ? '\n' : '';
    case 'break':
      return '\n';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'definition':
    case 'footnoteDefinition':
    case 'footnoteReference':
    case 'thematicBreak':
    case 'yaml':
      return '';
    case 'root':
    case 'blockquote':
      return joinChildren(node.children, '\n\n');
    case 'list':
    case 'listItem':
    case 'table':
      return joinChildren(node.children, '\n');
    case 'tableRow':
      return joinChildren(node.children, '\t');
    default:
      // Phrasing containers (paragraph, heading, emphasis, link, …): link text only, no URL.
      return node.children.map(blockText).join('');
  }
}

/**
 * Join the non-empty texts of sibling nodes.
 * @param children Sibling nodes.
 * @param separator Placed between blocks.
 * @returns The joined text.
 */
function joinChildren(children: readonly Nodes[], separator: string): string {
  return children
    .map((child) => blockText(child).trim())
    .filter((text) => text !== '')
    .join(separator);
}
