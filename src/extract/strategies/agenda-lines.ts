import type { ListItem, RootContent } from 'mdast';
import { emphasisOnlyText, lineOf, textOf } from '../mdast.js';
import { isHostLine, splitPeople } from '../people.js';
import type { PersonFound, TalkCandidate } from '../talk-candidate.js';
import { cleanTitle, quotedTitleIn, stripDecorations } from '../titles.js';
import { isNonTalk } from '../vocabulary.js';
import { parseClock } from '../when.js';

/** "19:05-20:00 用安全计算保护关键业务", "9:00 - 9:20 开场演讲 … by 余淮". */
const TIME_PREFIX = /^\s*(\d{1,2}\s*[:：]\s*\d{2}\s*(?:-|–|—|~|～|至|到)\s*\d{1,2}\s*[:：]\s*\d{2})\s*[|｜:：]?\s*(.+)$/u;
/** Words that introduce a keynote and are not part of its title. */
const KEYNOTE_PREFIX = /^(?:开场演讲|主题演讲|特邀演讲|闭幕演讲|Keynote)\s*[:：]?\s*/iu;

/**
 * Talks from agenda lines that start with a time range: headings (`### 19:05-20:00 标题`), bold
 * lines and list items. A line after a heading that introduces a person names the speaker;
 * "… by 名字" does too.
 */
export function talksFromAgendaLines(nodes: readonly RootContent[]): TalkCandidate[] {
  const out: TalkCandidate[] = [];
  nodes.forEach((node, index) => {
    for (const { text, line, item } of timedLines(node)) {
      const m = TIME_PREFIX.exec(text);
      if (!m?.[1] || !m[2]) continue;
      const clock = parseClock(m[1]);
      let title = m[2].trim();
      const people: PersonFound[] = [];
      const by = /\s+(?:by|BY|By)\s+(.+)$/u.exec(title) ?? /\s*[|｜]\s*([^|｜]+)$/u.exec(title);
      if (by?.[1]) {
        people.push(...splitPeople(by[1], line));
        title = title.slice(0, by.index).trim();
      }
      title = cleanTitle(quotedTitleIn(title) ?? stripDecorations(title).replace(KEYNOTE_PREFIX, ''));
      if (!title || isNonTalk(title)) continue;
      if (people.length === 0) people.push(...speakerAfter(nodes, index, item));
      out.push({ title, startTime: clock.startTime, endTime: clock.endTime, speakers: people, abstract: null, takeaways: null, line, blocks: [], origin: 'agenda' });
    }
  });
  return out;
}

/** The lines of a node that may carry a time prefix. */
function timedLines(node: RootContent): { text: string; line: number | null; item: ListItem | null }[] {
  if (node.type === 'heading') return [{ text: textOf(node), line: lineOf(node), item: null }];
  if (node.type === 'paragraph') {
    const bold = emphasisOnlyText(node);
    return [{ text: bold ?? (textOf(node).split('\n')[0] ?? ''), line: lineOf(node), item: null }];
  }
  if (node.type === 'list') return node.children.map((item) => ({ text: (textOf(item).split('\n')[0] ?? ''), line: lineOf(item), item }));
  return [];
}

/** A paragraph right under a timed heading that introduces a person ("相和 蚂蚁集团…"). */
function speakerAfter(nodes: readonly RootContent[], index: number, item: ListItem | null): PersonFound[] {
  if (item) return [];
  const next = nodes[index + 1];
  if (!next || next.type !== 'paragraph') return [];
  const text = textOf(next).split('\n')[0]?.trim() ?? '';
  if (!text || isHostLine(text) || text.length > 80 || TIME_PREFIX.test(text)) return [];
  const people = splitPeople(text, lineOf(next));
  return people.filter((p) => p.affiliation !== null || p.aliases.length > 0);
}
