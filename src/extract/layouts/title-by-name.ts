import type { ListItem } from 'mdast';
import { lineOf, textOf } from '../mdast.js';
import { BARE_NAME } from '../people.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle } from '../titles.js';
import { isNonTalk, type Vocabulary } from '../vocabulary.js';
import { TIME_RANGE } from '../when.js';
import type { Layout } from './layout.js';

/** `Title by Name`, `"Title" by Name and Other Name`: a title, then "by" and only names. */
const TITLE_BY = /^(.{2,200}?)\s+by\s+(\S.{0,120})$/iu;
/** A line that starts with a time is an agenda line (agenda-lines.ts reads those). */
const TIMED = new RegExp(`^\\s*${TIME_RANGE}`, 'u');
/** "Workshop hosted by Acme": a verb before "by" says who does something else than present. */
const NOT_A_TITLE_END = /\b(?:hosted|sponsored|organi[sz]ed|supported|provided|powered|offered|served|run|led|followed|made|written|created|built|brought to you)$/iu;

/**
 * List items that name a talk and its speakers, English style: `* "Getting started with
 * RequireJS" by [Jane Doe](https://…)`, `- Streams in practice by Ada Wong & Lin Mei`. Only when
 * everything after the last "by" is names (a site's host, "by hand", "by the community" are not).
 */
export const titleByName: Layout = {
  name: 'title-by-name',
  priority: 1,
  schedule: true,
  find: (page) => page.outside.flatMap((node) => (node.type === 'list' ? node.children.flatMap((item) => talkOfItem(item, page.vocabulary)) : [])),
};

function talkOfItem(item: ListItem, vocabulary: Vocabulary): Finding[] {
  const text = (textOf(item).split('\n')[0] ?? '').trim();
  const m = TIMED.test(text) ? null : TITLE_BY.exec(text);
  if (!m?.[1] || !m[2]) return [];
  const names = m[2].split(/\s*(?:,|&|\band\b)\s*/u).filter(Boolean);
  if (names.length === 0 || !names.every((name) => BARE_NAME.test(name) && !namesRole(name))) return [];
  const title = cleanTitle(m[1]);
  if (!title || NOT_A_TITLE_END.test(title) || isNonTalk(title, vocabulary)) return [];
  const line = lineOf(item);
  const speakers = names.map((name) => ({ name, aliases: [], affiliation: null, bio: null, line }));
  return [{ title, startTime: null, endTime: null, speakers, abstract: null, takeaways: null, line, blocks: [] }];
}
