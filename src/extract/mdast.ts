import type { ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Small readers over mdast nodes that every layout and reader of a page needs. */

export interface FoundLink {
  readonly url: string;
  readonly text: string;
  /** Line within the markdown body. */
  readonly line: number | null;
}

// Several layouts read the same blocks; a tree is parsed once and never changed afterwards,
// so each node's text and links are worked out once.
const texts = new WeakMap<Nodes, string>();
const links = new WeakMap<Nodes, readonly FoundLink[]>();

/**
 * The visible text of a node, without raw HTML such as `<br/>`. A hard line break ("two spaces"
 * or a backslash at the end of a line) is a line break: schedules are written as one paragraph
 * of such lines.
 */
export function textOf(node: Nodes): string {
  let text = texts.get(node);
  if (text === undefined) {
    text = plainText(node);
    texts.set(node, text);
  }
  return text;
}

/** The text of a subtree with hard breaks as newlines; inner nodes are not cached (few are asked for). */
function plainText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if (!('children' in node)) return toString(node, { includeHtml: false, includeImageAlt: false });
  let out = '';
  for (const child of node.children) out += plainText(child);
  return out;
}

/** `<iframe … src="…">`: an embedded player, which pages use to show a recording. */
const IFRAME_SRC = /<iframe\b[^>]{0,2000}?\bsrc\s*=\s*(?:"([^"]{1,2000})"|'([^']{1,2000})')/giu;

/**
 * Every link in a node, in document order, with the players it embeds (`<iframe src>`, without
 * text); images are not links to follow.
 */
export function linksIn(node: Nodes): FoundLink[] {
  let found = links.get(node);
  if (found === undefined) {
    found = collectLinks(node, []);
    links.set(node, found);
  }
  return [...found];
}

/**
 * The node, then its children, depth first: the order unist-util-visit walks in, without its
 * per-node closures and ancestor arrays, which cost more than the links themselves.
 */
function collectLinks(node: Nodes, out: FoundLink[]): FoundLink[] {
  if (node.type === 'link') out.push({ url: node.url.trim(), text: textOf(node).trim(), line: lineOf(node) });
  else if (node.type === 'html') for (const m of node.value.matchAll(IFRAME_SRC)) out.push({ url: (m[1] ?? m[2] ?? '').trim(), text: '', line: lineOf(node) });
  if ('children' in node && node.children) for (const child of node.children) collectLinks(child, out);
  return out;
}

/** Body line on which a node starts. */
export function lineOf(node: Nodes): number | null {
  return node.position?.start.line ?? null;
}

/**
 * The text of a paragraph written wholly in bold or italics (`**嘉宾介绍**`, `**《title》**`),
 * the way pages mark labels and talk titles without headings. Null for ordinary paragraphs.
 */
export function emphasisOnlyText(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const meaningful = (node as Paragraph).children.filter(
    (c) => !(c.type === 'text' && c.value.trim() === '') && c.type !== 'break' && c.type !== 'html',
  );
  if (meaningful.length === 0) return null;
  if (!meaningful.every((c) => c.type === 'strong' || c.type === 'emphasis')) return null;
  return meaningful.map((c) => textOf(c)).join('').trim();
}

/** The markdown source of a run of nodes, as the author wrote it. */
export function sourceOf(body: string, nodes: readonly Nodes[]): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes[nodes.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return nodes.map((n) => textOf(n)).join('\n\n');
  return body.slice(first, last).trim();
}

/**
 * A list item's own line: the first line of its first paragraph. `textOf(item)` would run its
 * nested items into it, with no break between them.
 */
export function itemLine(item: ListItem): string {
  const head = item.children[0];
  return (head?.type === 'paragraph' ? (textOf(head).split('\n')[0] ?? '') : '').trim();
}
