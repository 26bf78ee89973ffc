import type { ListItem } from 'mdast';
import { lineOf, textOf } from '../mdast.js';
import { BARE_NAME } from '../people.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle } from '../titles.js';
import { isNonTalk, type Vocabulary } from '../vocabulary.js';
import { TIME_RANGE } from '../when.js';
import type { Layout } from './layout.js';

/** Where a title may end and its names begin. */
const BY = /\s+by\s+/giu;
/** A title in quotes is a title whatever its length ("tmux"); an unquoted one has two words or more. */
const QUOTED = /^["“'‘«「『《]/u;
/** A line that starts with a time is an agenda line (agenda-lines.ts reads those). */
const TIMED = new RegExp(`^\\s*${TIME_RANGE}`, 'u');
/** "Workshop hosted by Acme": a verb before "by" says who does something else than present. */
const NOT_A_TITLE_END = /\b(?:hosted|sponsored|organi[sz]ed|supported|provided|powered|offered|served|run|led|followed|made|written|created|built|brought to you)$/iu;

/**
 * List items that name a talk and its speakers, English style: `* "Getting started with
 * RequireJS" by [Jane Doe](https://…)`, `- Streams in practice by Ada Wong & Lin Mei`. Only when
 * everything after the last "by" is names (a site's host, "by hand", "by the community" are not),
 * and the title is quoted or has two words at least (credits such as "Pizza by Acme" are not talks).
 */
export const titleByName: Layout = {
  name: 'title-by-name',
  priority: 1,
  schedule: true,
  find: (page) => page.outside.flatMap((node) => (node.type === 'list' ? node.children.flatMap((item) => talkOfItem(item, page.vocabulary)) : [])),
};

function talkOfItem(item: ListItem, vocabulary: Vocabulary): Finding[] {
  const text = (textOf(item).split('\n')[0] ?? '').trim();
  if (text.length > 300 || TIMED.test(text)) return [];
  // The last "by" before the names: "Stand by me by Ada Wong".
  const last = [...text.matchAll(BY)].pop();
  if (last?.index === undefined) return [];
  const rawTitle = text.slice(0, last.index);
  const names = text.slice(last.index + last[0].length).split(/\s*(?:,|&|\band\b)\s*/u).filter(Boolean);
  if (names.length === 0 || names.length > 4 || !names.every((name) => BARE_NAME.test(name) && !namesRole(name))) return [];
  const title = cleanTitle(rawTitle);
  // "Pizza by Domino's", "Photos by Jonas Ek": credits, not talks.
  const titled = QUOTED.test(rawTitle) || title.split(/\s+/u).length >= 2;
  if (!title || !titled || NOT_A_TITLE_END.test(title) || isNonTalk(title, vocabulary)) return [];
  const line = lineOf(item);
  const speakers = names.map((name) => ({ name, aliases: [], affiliation: null, bio: null, line }));
  return [{ title, startTime: null, endTime: null, speakers, abstract: null, takeaways: null, line, blocks: [] }];
}
