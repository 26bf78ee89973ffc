import type { AlignType, Blockquote, Code, Heading, Html, Link, List, ListItem, Nodes, Parent, PhrasingContent, Root, Table, TableCell, TableRow } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * markdown-it reads a page about twenty times faster than micromark (remark-parse), and page
 * parsing is the cost of a cold start. This turns its tokens into the mdast tree remark would
 * give, for what extraction reads of it: node types and nesting, text, link urls, table cells,
 * start and end lines of every block, the line of every link and inline html, and the source
 * offsets that quote top-level blocks and their list items (see tests/markdown-it-mdast.test.ts,
 * which compares both trees over the corpus, the fixtures and generated pages).
 *
 * What markdown-it cannot read the way remark-gfm does sends the page to remark instead
 * (`needsRemark`): link reference definitions (remark keeps `definition` and `linkReference`
 * nodes; markdown-it resolves them away), footnotes, task list items, single-tilde
 * strikethrough (remark-gfm only) and `\r` line endings (markdown-it turns them into `\n` in
 * text, remark keeps them).
 */
// remark has no nesting limit; markdown-it drops what is nested deeper than maxNesting (20 in its
// commonmark preset). The depth of a page is capped before parsing (markdown-limits.ts).
const md = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
(md.options as typeof md.options & { maxNesting: number }).maxNesting = 1000;
// remark keeps urls as written (decoded escapes and entities, no percent-encoding, no punycode)
// and makes a link of any scheme; markdown-it would normalise them and refuse `javascript:`.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;
md.validateLink = () => true;

/** GFM autolink literals (`https://…`, `www.…`, emails), found in text the way remark-gfm's own pass does. */
const autolinkLiterals = gfmAutolinkLiteralFromMarkdown().transforms?.[0];

const REFERENCE_DEFINITION = /\[[^\]\n]*\]:/u;
const TASK_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/mu;

/** True when a body holds something only remark reads as remark does (see above). */
export function needsRemark(body: string): boolean {
  return body.includes('~') || body.includes('\r') || body.includes('[^') || REFERENCE_DEFINITION.test(body) || TASK_ITEM.test(body);
}

/**
 * Parses a body with markdown-it into remark's mdast tree (for the parts above), or null when it
 * holds a table remark reads otherwise: remark keeps a row's cells as written, markdown-it pads
 * or cuts them to the header's count; only top-level tables are counted, nested ones go to remark.
 */
export function parseWithMarkdownIt(body: string): Root | null {
  const tokens = md.parse(body, {});
  const lines = new Lines(body);
  if (!tablesAsWritten(tokens, lines)) return null;
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: lines.endOfBody() } };
  const stack: Parent[] = [root];
  const inlineParents: Parent[] = [];
  for (const token of tokens) {
    const parent = stack[stack.length - 1] as Parent;
    if (token.nesting === -1) {
      stack.pop();
      continue;
    }
    if (token.type === 'inline') {
      parent.children.push(...(inlineNodes(token.children ?? []) as never[]));
      inlineParents.push(parent);
      continue;
    }
    if (token.type === 'th_open') stack.findLast((p): p is Table => p.type === 'table')?.align?.push(alignOf(token));
    const node = blockNode(token, lines, parent);
    if (!node) {
      // thead / tbody: no node of their own, their rows go to the table; their close pops this.
      if (token.nesting === 1) stack.push(parent);
      continue;
    }
    (parent.children as Nodes[]).push(node);
    if (token.nesting === 1) stack.push(node as Parent);
  }
  // remark-gfm's pass walks the whole tree with a regex per text node; only blocks whose text
  // could hold a literal are given to it.
  for (const parent of inlineParents) if (mayHoldAutolink(parent.children as PhrasingContent[])) autolinkLiterals?.(parent as Root);
  for (const parent of inlineParents) placeInline(parent.children as PhrasingContent[], parent.position?.start.line ?? 1);
  return root;
}

function blockNode(token: Token, lines: Lines, parent: Parent): Nodes | null {
  const position = token.map ? lines.blockPosition(token.map[0], token.map[1]) : parent.position && { start: { ...parent.position.start }, end: { ...parent.position.end } };
  switch (token.type) {
    case 'paragraph_open':
      return { type: 'paragraph', children: [], position };
    case 'heading_open':
      return { type: 'heading', depth: Number(token.tag.slice(1)) as Heading['depth'], children: [], position };
    case 'blockquote_open':
      return { type: 'blockquote', children: [], position } satisfies Blockquote;
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const ordered = token.type === 'ordered_list_open';
      const start = ordered ? Number(token.attrGet('start') ?? 1) : null;
      return { type: 'list', ordered, start, spread: false, children: [], position } satisfies List;
    }
    case 'list_item_open':
      return { type: 'listItem', spread: false, checked: null, children: [], position } satisfies ListItem;
    case 'fence':
    case 'code_block': {
      const info = token.info.trim();
      const space = info.search(/[ \t]/u);
      const lang = info ? (space === -1 ? info : info.slice(0, space)) : null;
      const meta = info && space !== -1 ? info.slice(space).trim() || null : null;
      return { type: 'code', lang, meta, value: token.content.replace(/\n$/u, ''), position } satisfies Code;
    }
    case 'hr':
      return { type: 'thematicBreak', position };
    case 'html_block':
      return { type: 'html', value: token.content.replace(/\n+$/u, ''), position } satisfies Html;
    case 'table_open':
      return { type: 'table', align: [], children: [], position } satisfies Table;
    case 'tr_open':
      return { type: 'tableRow', children: [], position } satisfies TableRow;
    case 'th_open':
    case 'td_open':
      return { type: 'tableCell', children: [], position } satisfies TableCell;
    default:
      return null;
  }
}

function tablesAsWritten(tokens: readonly Token[], lines: Lines): boolean {
  let columns = 0;
  for (const token of tokens) {
    if (token.type === 'table_open' && token.level > 0) return false;
    if (token.type === 'tr_open' && token.map) {
      const row = lines.text(token.map[0]);
      // markdown-it trims cells of all Unicode space (U+3000, U+00A0), remark of spaces and tabs.
      if (/[^\S \t]/u.test(row)) return false;
      const cells = writtenCells(row);
      if (columns === 0) columns = cells;
      else if (cells !== columns) return false;
    }
    if (token.type === 'table_close') columns = 0;
  }
  return true;
}

/** Cells of a table row as GFM counts them: between unescaped pipes, outer pipes optional. */
function writtenCells(row: string): number {
  const parts = row.trim().split(/(?<!\\)\|/u);
  if (parts[0]?.trim() === '') parts.shift();
  if (parts.length > 1 && parts[parts.length - 1]?.trim() === '') parts.pop();
  return parts.length;
}

/** What every autolink literal contains: `://` (http, https), `www.`, or `@` (emails, xmpp). */
const AUTOLINK_HINT = /:\/\/|www\.|@/iu;

function mayHoldAutolink(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((n) => (n.type === 'text' ? AUTOLINK_HINT.test(n.value) : n.type !== 'link' && 'children' in n && mayHoldAutolink(n.children as PhrasingContent[])));
}

/** A header cell's `text-align` is its column's alignment (markdown-it writes it as a style). */
function alignOf(token: Token): AlignType {
  const m = /text-align:(left|right|center)/u.exec(token.attrGet('style') ?? '');
  return (m?.[1] as AlignType | undefined) ?? null;
}

/** Inline tokens to phrasing nodes; soft line breaks stay in the text, as remark keeps them. */
function inlineNodes(tokens: readonly Token[]): PhrasingContent[] {
  const root: { children: PhrasingContent[] } = { children: [] };
  const stack: { children: PhrasingContent[] }[] = [root];
  const add = (node: PhrasingContent) => {
    const siblings = (stack[stack.length - 1] as { children: PhrasingContent[] }).children;
    const last = siblings[siblings.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else siblings.push(node);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
        if (token.content) add({ type: 'text', value: token.content });
        break;
      case 'softbreak':
        add({ type: 'text', value: '\n' });
        break;
      case 'hardbreak':
        add({ type: 'break' });
        break;
      case 'code_inline':
        add({ type: 'inlineCode', value: token.content });
        break;
      case 'html_inline':
        add({ type: 'html', value: token.content });
        break;
      case 'image':
        add({ type: 'image', url: token.attrGet('src') ?? '', title: token.attrGet('title'), alt: token.content });
        break;
      case 'em_open':
      case 'strong_open':
      case 's_open':
      case 'link_open': {
        const node: PhrasingContent =
          token.type === 'em_open'
            ? { type: 'emphasis', children: [] }
            : token.type === 'strong_open'
              ? { type: 'strong', children: [] }
              : token.type === 's_open'
                ? { type: 'delete', children: [] }
                : ({ type: 'link', url: token.attrGet('href') ?? '', title: token.attrGet('title'), children: [] } satisfies Link);
        add(node);
        stack.push(node as { children: PhrasingContent[] });
        break;
      }
      case 'em_close':
      case 'strong_close':
      case 's_close':
      case 'link_close':
        stack.pop();
        break;
      default:
        add({ type: 'text', value: token.content });
    }
  }
  return root.children;
}

/**
 * Gives inline nodes the line they start on, counted from their block's first line: markdown-it
 * has no positions inside a block. Only the line is known (extraction reads no more of them).
 */
function placeInline(nodes: readonly PhrasingContent[], line: number): number {
  for (const node of nodes) {
    const start = line;
    if (node.type === 'text' || node.type === 'html') line += countNewlines(node.value);
    else if (node.type === 'break') line++;
    else if ('children' in node) line = placeInline(node.children as PhrasingContent[], line);
    node.position = { start: { line: start, column: 1 }, end: { line, column: 1 } };
  }
  return line;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Line starts of a body, to turn markdown-it's line ranges into remark's points. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly body: string) {
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  text(line: number): string {
    return this.lineText(line);
  }

  private lineText(line: number): string {
    const start = this.starts[line] ?? this.body.length;
    const next = this.starts[line + 1];
    return this.body.slice(start, next === undefined ? this.body.length : next - 1);
  }

  /**
   * A block from its first line to its last line that is not blank (markdown-it's range runs on
   * over the blank lines after it): from its first character to its last one, as remark's is.
   */
  blockPosition(first: number, afterLast: number): { start: Point; end: Point } {
    let last = Math.max(first, afterLast - 1);
    while (last > first && this.lineText(last).trim() === '') last--;
    const head = this.lineText(first);
    const tail = this.lineText(last);
    const startColumn = head.length - head.trimStart().length;
    const endColumn = tail.trimEnd().length;
    const s = this.starts[first] ?? 0;
    const e = this.starts[last] ?? 0;
    return { start: { line: first + 1, column: startColumn + 1, offset: s + startColumn }, end: { line: last + 1, column: endColumn + 1, offset: e + endColumn } };
  }

  endOfBody(): Point {
    const line = this.starts.length - 1;
    const start = this.starts[line] ?? 0;
    return { line: line + 1, column: this.body.length - start + 1, offset: this.body.length };
  }
}

interface Point {
  line: number;
  column: number;
  offset: number;
}

