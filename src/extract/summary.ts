import type { List, RootContent } from 'mdast';
import { linksIn, lineOf, textOf, type FoundLink } from './mdast.js';
import { matchHeadingLabel, matchLabel, type LabelRole, type Vocabulary } from './vocabulary.js';

/** A "label: value" line of the page's summary list (活动时间：…, 活动地点：…). */
export interface LabelledValue {
  readonly role: LabelRole;
  readonly value: string;
  readonly line: number | null;
  /** Links written in the item itself (a slide list under 资料下载). */
  readonly links: readonly FoundLink[];
}

/**
 * Reads labelled lines from list items and paragraphs, in page order. An item that is only a
 * label ("资料下载：") takes the links of the paragraphs right after it.
 */
export function readLabelledValues(nodes: readonly RootContent[], vocabulary: Vocabulary): LabelledValue[] {
  const out: LabelledValue[] = [];
  let open: { role: LabelRole; value: string; line: number | null; links: FoundLink[]; heading: boolean } | null = null;
  const flush = () => {
    if (open) out.push({ role: open.role, value: open.value, line: open.line, links: open.links });
    open = null;
  };
  for (const node of nodes) {
    if (node.type === 'list') {
      flush();
      for (const item of (node as List).children) {
        flush();
        const first = item.children[0];
        const label = first ? matchLabel(firstLine(textOf(first)), vocabulary) : null;
        if (!label) continue;
        open = { role: label.role, value: firstLine(label.rest), line: lineOf(item), links: linksIn(item), heading: false };
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const label = matchLabel(firstLine(textOf(node)), vocabulary);
      if (label && (label.rest || linksIn(node).length > 0 || !open)) {
        flush();
        open = { role: label.role, value: firstLine(label.rest), line: lineOf(node), links: linksIn(node), heading: false };
        continue;
      }
      // Links right under a bare label ("资料下载：" then a paragraph of links) belong to it;
      // under a labelling heading, every paragraph up to the next heading does.
      if (open && !open.value && (open.heading || open.links.length === 0)) {
        open.links.push(...linksIn(node));
        continue;
      }
    }
    if (node.type === 'heading') {
      flush();
      const label = matchHeadingLabel(textOf(node), vocabulary);
      if (label) open = { role: label.role, value: '', line: lineOf(node), links: [], heading: true };
    }
  }
  flush();
  return out;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
