import type { RootContent } from 'mdast';
import { ANY_HEADING, HeadingScope } from './heading-scope.js';
import { emphasisOnlyText, lineOf, textOf } from './mdast.js';
import { HOST, PANEL } from './people.js';
import { cleanTitle, quotedTitleIn, SESSION_PREFIX, stripDecorations } from './titles.js';
import { matchLabel, type LabelRole, type Vocabulary } from './vocabulary.js';
import { TIME_RANGE } from './when.js';

/** One talk's detail section: a title line, then labelled parts (嘉宾介绍, 议题简介 …). */
export interface TalkSection {
  readonly title: string;
  readonly line: number | null;
  /** Blocks under each label, in page order. */
  readonly parts: ReadonlyMap<LabelRole, readonly RootContent[]>;
  /** Values written on the label's own line ("讲师：张三"). */
  readonly inline: ReadonlyMap<LabelRole, string>;
  /** Every block of the section, title excluded: links anywhere in it belong to the talk. */
  readonly blocks: readonly RootContent[];
}

/**
 * A block that opens a talk: a bold paragraph or a heading whose text is a 《quoted title》.
 * Returns the title text with its quotes, or null.
 */
function talkTitleOf(node: RootContent, vocabulary: Vocabulary): string | null {
  const text = node.type === 'heading' ? textOf(node).trim() : emphasisOnlyText(node);
  if (!text || matchLabel(text, vocabulary)) return null;
  return quotedTitleIn(text);
}

const TIMED = new RegExp(`^\\s*${TIME_RANGE}`, 'u');

/**
 * Headings that title a talk by what stands under them: a labelled line naming its speaker
 * ("讲师：张三", "- **Speaker**: Jane Doe") before the next heading. A heading that is itself a
 * label ("## 嘉宾介绍"), or whose line names only a host, titles no talk.
 */
function headingsNamingSpeakers(nodes: readonly RootContent[], vocabulary: Vocabulary): Map<RootContent, string> {
  const titles = new Map<RootContent, string>();
  nodes.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const text = stripDecorations(textOf(node).trim());
    // A heading opening with a time is an agenda line, with the people under it (agenda-lines.ts).
    if (!text || TIMED.test(text) || matchLabel(text, vocabulary) || quotedTitleIn(text) !== null) return;
    const panel = PANEL.test(text);
    for (const next of nodes.slice(i + 1)) {
      if (next.type === 'heading') break;
      if (namesSpeaker(next, panel, vocabulary)) {
        // "圆桌讨论：云原生的下一个十年": the panel's title is what follows its kind.
        const topic = text.replace(SESSION_PREFIX, '');
        titles.set(node, cleanTitle(topic.length >= 2 ? topic : text));
        break;
      }
    }
  });
  return titles;
}

/** Whether a block is a labelled line naming a presenter (a host counts only for a panel). */
function namesSpeaker(block: RootContent, panel: boolean, vocabulary: Vocabulary): boolean {
  const lines =
    block.type === 'list' ? block.children.map((item) => textOf(item)) : block.type === 'paragraph' ? [textOf(block)] : [];
  return lines.some((text) => {
    const line = (text.split('\n')[0] ?? '').trim();
    const label = matchLabel(line, vocabulary);
    if (label?.role !== 'speaker' || !label.rest) return false;
    return panel || !HOST.test(line.slice(0, line.length - label.rest.length));
  });
}

/** A label standing on its own ("**嘉宾介绍**", "### 议题简介") or opening a line ("讲师：张三"). */
function labelOf(node: RootContent, vocabulary: Vocabulary): { role: LabelRole; rest: string } | null {
  if (node.type === 'heading') return matchLabel(textOf(node), vocabulary);
  const bold = emphasisOnlyText(node);
  if (bold !== null) return matchLabel(bold, vocabulary);
  if (node.type === 'paragraph' || node.type === 'listItem') {
    const first = textOf(node).split('\n')[0] ?? '';
    const m = matchLabel(first, vocabulary);
    // A label opening a sentence counts with a value after its colon, or alone with its colon.
    return m && (m.rest.length > 0 || /[:：]\s*$/u.test(first)) ? m : null;
  }
  return null;
}

/**
 * Splits the page into talk sections. A section runs from its title to the next title, or to a
 * heading at or above the level that contains the titles (the end of the "talks" part).
 */
export function findTalkSections(nodes: readonly RootContent[], vocabulary: Vocabulary): TalkSection[] {
  const sections: TalkSection[] = [];
  const headingTitles = headingsNamingSpeakers(nodes, vocabulary);
  const scope = new HeadingScope<{ title: string; line: number | null; blocks: RootContent[] }>();
  const close = (open: { title: string; line: number | null; blocks: RootContent[] } | null) => {
    if (open) sections.push(buildSection(open.title, open.line, open.blocks, vocabulary));
  };
  // A title in a bold line ends at a heading as high as the one the titles sit under; outside
  // any heading, at the next heading of any level.
  let enclosing = ANY_HEADING;
  for (const node of nodes) {
    const title = talkTitleOf(node, vocabulary) ?? headingTitles.get(node) ?? null;
    if (title !== null) {
      close(scope.enter({ title, line: lineOf(node), blocks: [] }, node.type === 'heading' ? node.depth : enclosing));
      continue;
    }
    if (node.type === 'heading') {
      close(scope.heading(node.depth));
      if (!scope.current) enclosing = node.depth;
    }
    scope.current?.blocks.push(node);
  }
  close(scope.end());
  return sections;
}

/** Files each block of a section under the label that precedes it. */
function buildSection(title: string, line: number | null, blocks: RootContent[], vocabulary: Vocabulary): TalkSection {
  const parts = new Map<LabelRole, RootContent[]>();
  const inline = new Map<LabelRole, string>();
  let role: LabelRole | null = null;
  // A list of labelled items ("- **Speaker**: Jane Doe", "- Slides: [deck](…)") is read item by item.
  const pieces = blocks.flatMap((block): RootContent[] =>
    block.type === 'list' && block.children.some((item) => labelOf(item, vocabulary) !== null) ? block.children : [block],
  );
  for (const block of pieces) {
    const label = labelOf(block, vocabulary);
    if (label) {
      role = label.role;
      if (label.rest) inline.set(role, label.rest);
      if (!parts.has(role)) parts.set(role, []);
      // The label's own paragraph holds content when the value shares its line or follows it.
      if ((block.type === 'paragraph' || block.type === 'listItem') && (label.rest || textOf(block).includes('\n'))) parts.get(role)?.push(block);
      continue;
    }
    if (role) parts.get(role)?.push(block);
  }
  return { title, line, parts, inline, blocks };
}
