import type { RootContent, Table, TableRow } from 'mdast';
import { lineOf, textOf } from '../mdast.js';
import { PANEL, splitPeople } from '../people.js';
import type { Finding } from '../talk-candidate.js';
import type { Layout } from './layout.js';
import { cleanTitle, quotedTitleIn, SESSION_PREFIX, stripDecorations } from '../titles.js';
import { isNonTalk, type Vocabulary } from '../vocabulary.js';
import { parseClock, TIME_RANGE } from '../when.js';

const TIME_HEADER = /时间|time|when/iu;
const TITLE_HEADER = /主题|议题|环节|题目|内容|topic|session|title|talk|agenda/iu;
const SPEAKER_HEADER = /嘉宾|讲师|分享人|演讲人|讲者|主讲|speaker|presenter|host/iu;

/**
 * Agenda tables (`| 时间 | 分享主题 | 分享嘉宾 |`): one row, one talk, with its times and speakers.
 * Rows for sign-in, breaks and meals are left out; so are rows without a speaker or a 《title》
 * when other rows have speakers.
 */
export const agendaTables: Layout = {
  name: 'agenda-table',
  priority: 1,
  schedule: true,
  find: (page) => talksFromAgendaTables(page.nodes, page.vocabulary),
};

function talksFromAgendaTables(nodes: readonly RootContent[], vocabulary: Vocabulary): Finding[] {
  const out: Finding[] = [];
  for (const node of nodes) {
    if (node.type === 'table') out.push(...talksOfTable(node, vocabulary));
  }
  return out;
}

function talksOfTable(table: Table, vocabulary: Vocabulary): Finding[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const names = header.children.map((c) => textOf(c).trim());
  const col = (test: RegExp) => names.findIndex((n) => test.test(n));
  const titleCol = col(TITLE_HEADER);
  const timeCol = col(TIME_HEADER);
  const speakerCol = col(SPEAKER_HEADER);
  if (titleCol === -1 || (timeCol === -1 && speakerCol === -1)) return talksOfHeaderlessTable(table, vocabulary);
  const cell = (row: TableRow, i: number) => (i === -1 ? '' : textOf(row.children[i] ?? row).trim());
  const parsed = rows.map((row) => {
    const rawTitle = cell(row, titleCol);
    const panel = PANEL.test(rawTitle);
    const people = speakerCol === -1 ? [] : splitPeople(cell(row, speakerCol), lineOf(row), { keepHosts: panel, vocabulary });
    const title = cleanTitle(quotedTitleIn(rawTitle) ?? stripDecorations(rawTitle).replace(SESSION_PREFIX, ''));
    return { row, rawTitle, panel, title, people, clock: parseClock(cell(row, timeCol)) };
  });
  const anySpeakers = parsed.some((p) => p.people.length > 0);
  return parsed
    .filter((p) => p.title && (p.panel || !isNonTalk(p.title, vocabulary)))
    .filter((p) => !anySpeakers || p.people.length > 0 || /《/u.test(p.rawTitle))
    .map((p) => ({
      title: p.title,
      startTime: p.clock.startTime,
      endTime: p.clock.endTime,
      speakers: p.people,
      abstract: null,
      takeaways: null,
      line: lineOf(p.row),
      // Links in the row (the title linked to its deck) are the talk's.
      blocks: [p.row],
    }));
}

const ROW_TIME = new RegExp(`^\\s*${TIME_RANGE}`, 'u');

/**
 * A table without agenda headers whose rows pair a time range with a 《title》 followed by its
 * speaker ("19:00-20:00 | **《标题》** 某公司 某团队 名字").
 */
function talksOfHeaderlessTable(table: Table, vocabulary: Vocabulary): Finding[] {
  const out: Finding[] = [];
  for (const row of table.children) {
    const cells = row.children.map((c) => textOf(c).trim());
    const time = cells.find((c) => ROW_TIME.test(c));
    const titled = cells.find((c) => quotedTitleIn(c) !== null);
    if (!time || !titled) continue;
    const title = quotedTitleIn(titled);
    if (!title || isNonTalk(title, vocabulary)) continue;
    const tail = titled.slice(titled.lastIndexOf('》') + 1).trim();
    const clock = parseClock(time);
    out.push({
      title,
      startTime: clock.startTime,
      endTime: clock.endTime,
      speakers: tail ? splitPeople(tail, lineOf(row), { vocabulary }) : [],
      abstract: null,
      takeaways: null,
      line: lineOf(row),
      blocks: [row],
    });
  }
  return out;
}
