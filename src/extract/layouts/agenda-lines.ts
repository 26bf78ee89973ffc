import type { ListItem, RootContent } from 'mdast';
import { emphasisOnlyText, lineOf, textOf } from '../mdast.js';
import { isHostLine, PANEL, splitPeople } from '../people.js';
import type { Finding, PersonFound } from '../talk-candidate.js';
import type { Layout } from './layout.js';
import { cleanTitle, quotedTitleIn, SESSION_PREFIX, stripDecorations } from '../titles.js';
import { isNonTalk, matchLabel, type Vocabulary } from '../vocabulary.js';
import { parseClock, TIME_RANGE } from '../when.js';

/** "19:05-20:00 消息队列的顺序保证", "9:00 - 9:20 开场演讲 … by 林一". */
const TIME_PREFIX = new RegExp(`^\\s*(${TIME_RANGE})\\s*[|｜:：]?\\s*(.+)$`, 'u');

/**
 * Agenda lines that start with a time range: headings (`### 19:05-20:00 标题`), bold lines and
 * list items. A line after a heading that introduces a person names the speaker; "… by 名字"
 * does too.
 */
export const agendaLines: Layout = {
  name: 'agenda-lines',
  priority: 1,
  schedule: true,
  find: (page) => talksFromAgendaLines(page.outside, page.vocabulary),
};

function talksFromAgendaLines(nodes: readonly RootContent[], vocabulary: Vocabulary): Finding[] {
  const out: Finding[] = [];
  nodes.forEach((node, index) => {
    for (const { text, line, item } of timedLines(node)) {
      const m = TIME_PREFIX.exec(text);
      if (!m?.[1] || !m[2]) continue;
      const clock = parseClock(m[1]);
      let title = m[2].trim();
      const panel = PANEL.test(title);
      const people: PersonFound[] = [];
      // "… by 名字" names the speaker; "… | 名字，某公司" too, but only when it reads as a person
      // with an organisation or 花名 ("深入 HTTP/3｜从握手看协议设计" keeps its whole title).
      const by = /\s+by\s+(.+)$/iu.exec(title);
      const bar = by ? null : /\s*[|｜]\s*([^|｜]+)$/u.exec(title);
      const named = by?.[1] ? splitPeople(by[1], line, { keepHosts: panel, vocabulary }) : [];
      const barred = bar?.[1] ? splitPeople(bar[1], line, { keepHosts: panel, vocabulary }).filter((p) => p.affiliation !== null || p.aliases.length > 0) : [];
      const cut = named.length > 0 ? by : barred.length > 0 ? bar : null;
      if (cut) {
        people.push(...named, ...barred);
        title = title.slice(0, cut.index).trim();
      }
      title = cleanTitle(quotedTitleIn(title) ?? stripDecorations(title).replace(SESSION_PREFIX, ''));
      if (!title || (!panel && isNonTalk(title, vocabulary))) continue;
      if (people.length === 0) people.push(...speakersAfter(nodes, index, item, panel, vocabulary));
      out.push({ title, startTime: clock.startTime, endTime: clock.endTime, speakers: people, abstract: null, takeaways: null, line, blocks: [] });
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

/**
 * Lines right under a timed heading that introduce people: "周宁 示例集团…", "Speaker: Jane Doe,
 * …", or for a panel "主持人：…" and "嘉宾：…". Stops at the next heading or timed line.
 */
function speakersAfter(nodes: readonly RootContent[], index: number, item: ListItem | null, panel: boolean, vocabulary: Vocabulary): PersonFound[] {
  if (item) return [];
  const people: PersonFound[] = [];
  for (const next of nodes.slice(index + 1, index + 4)) {
    if (next.type !== 'paragraph') break;
    const text = textOf(next).trim();
    if (!text || TIME_PREFIX.test(text)) break;
    const labelled = matchLabel(text.split('\n')[0] ?? '', vocabulary)?.role === 'speaker';
    if (!labelled && (text.length > 80 || (!panel && isHostLine(text)))) break;
    const found = splitPeople(text, lineOf(next), { keepHosts: panel, vocabulary });
    people.push(...(labelled || panel ? found : found.filter((p) => p.affiliation !== null || p.aliases.length > 0)));
    if (!labelled && !panel) break;
  }
  return people;
}
