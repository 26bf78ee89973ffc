import type { List, RootContent } from 'mdast';
import { kindOfLabel } from './links.js';
import { emphasisOnlyText, linksIn, lineOf, textOf, type FoundLink } from './mdast.js';
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
    if (node.type === 'list' && open?.heading && !open.value && kindOfLabel(open.role) !== null) {
      // "## Recordings" then a list of links: each is a recording.
      open.links.push(...linksIn(node));
      continue;
    }
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
      // "**When:** …" and "**Where:** …" on the lines of one paragraph: each line is its own value.
      const lines = textOf(node).split('\n').map((l) => l.trim()).filter(Boolean);
      const each = lines.length > 1 ? lines.map((l) => ({ l, label: matchLabel(l, vocabulary) })) : [];
      if (each.filter((e) => e.label?.rest).length >= 2) {
        flush();
        for (const { label } of each) if (label?.rest) out.push({ role: label.role, value: label.rest, line: lineOf(node), links: kindOfLabel(label.role) ? linksIn(node) : [] });
        continue;
      }
      const first = firstLine(textOf(node));
      const label = matchLabel(first, vocabulary);
      const links = linksIn(node);
      if (label && (label.rest || links.length > 0 || /[:：]\s*$/u.test(first) || emphasisOnlyText(node) !== null)) {
        flush();
        open = { role: label.role, value: firstLine(label.rest), line: lineOf(node), links, heading: false };
        continue;
      }
      if (open && !open.value) {
        if (open.heading || kindOfLabel(open.role) !== null) {
          // Links under a bare label ("资料下载：" then paragraphs of links) belong to it, up to
          // the first paragraph without one; under a labelling heading, up to the next heading.
          if (links.length > 0) open.links.push(...links);
          else if (!open.heading && open.links.length > 0) flush();
          continue;
        }
        // A bare label ("**分享主题：**") takes the next paragraph as its value.
        open.value = first;
        flush();
        continue;
      }
    }
    if (node.type === 'heading') {
      flush();
      const label = matchHeadingLabel(textOf(node), vocabulary);
      // "#### 时间：2022 年 10 月 22 日" states its value; "## 资料下载" labels what follows it.
      if (label?.rest) out.push({ role: label.role, value: firstLine(label.rest), line: lineOf(node), links: linksIn(node) });
      else if (label) open = { role: label.role, value: '', line: lineOf(node), links: [], heading: true };
    }
  }
  flush();
  return out;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
