import type { RootContent } from 'mdast';
import { HeadingScope } from './heading-scope.js';
import { textOf } from './mdast.js';
import type { TalkCandidate } from './talk-candidate.js';
import { sameTitle, stripDecorations } from './titles.js';

/**
 * A heading that names a talk ("### | 示例频道#11：从一个例子开始…") opens a section about it:
 * links under that heading belong to the talk too.
 */
export function withHeadingSections(talks: TalkCandidate[], nodes: readonly RootContent[]): TalkCandidate[] {
  if (talks.length === 0) return talks;
  const extra = talks.map(() => [] as RootContent[]);
  const owner = new HeadingScope<number>();
  for (const node of nodes) {
    if (node.type === 'heading') {
      owner.heading(node.depth);
      const text = stripDecorations(textOf(node));
      // A heading names a talk when it is the title, or holds it whole (titles too short to be
      // telling, like "Rust", are not looked for inside headings).
      const match = talks.findIndex((t) => sameTitle(t.title, text) || (t.title.length >= 6 && text.includes(t.title)));
      if (match !== -1) owner.enter(match, node.depth);
      continue;
    }
    const talk = owner.current;
    if (talk !== null) extra[talk]?.push(node);
  }
  return talks.map((t, i) => ({ ...t, blocks: [...t.blocks, ...(extra[i] ?? [])] }));
}
