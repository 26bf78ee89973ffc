import type { Root, RootContent } from 'mdast';
import { readLabelledValues, type LabelledValue } from './summary.js';
import { findTalkSections, type TalkSection } from './talk-sections.js';
import type { Vocabulary } from './vocabulary.js';

/** What every reader of a page needs, worked out once per page. */
export interface PageView {
  /** The markdown body, to quote parts of it as the author wrote them. */
  readonly body: string;
  /** The page's top-level blocks. */
  readonly nodes: readonly RootContent[];
  /** Talk detail sections (a 《title》 line, then 嘉宾介绍 / 议题简介 …). */
  readonly sections: readonly TalkSection[];
  /** Blocks outside the detail sections: the summary, the agenda, the lists of links. */
  readonly outside: readonly RootContent[];
  /** "label: value" lines outside the detail sections (活动时间：…, 资料下载：…). */
  readonly labelled: readonly LabelledValue[];
  readonly vocabulary: Vocabulary;
}

export function viewPage(tree: Root, body: string, vocabulary: Vocabulary): PageView {
  const nodes = tree.children;
  const sections = findTalkSections(nodes, vocabulary);
  const inSections = new Set<RootContent>(sections.flatMap((s) => s.blocks));
  const outside = nodes.filter((n) => !inSections.has(n));
  return { body, nodes, sections, outside, labelled: readLabelledValues(outside, vocabulary), vocabulary };
}
