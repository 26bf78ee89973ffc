import type { ListItem } from 'mdast';
import { itemLine, lineOf, textOf } from '../mdast.js';
import { BARE_NAME, splitPeople } from '../people.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle, QUOTED } from '../titles.js';
import { isNonTalk, type Vocabulary } from '../vocabulary.js';
import { TIME_RANGE } from '../when.js';
import type { Layout } from './layout.js';

/** Where a title may end and its names begin. */
const BY = /\s+by\s+/giu;
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

/** "**Custom hooks that scale** — Priya Patel (Example Co)": a marked title, a dash, a person. */
const DASHED = /^(.+?)\s+[—–-]{1,2}\s+(.+)$/u;

/**
 * A list item whose title is set apart (bold or quoted) and followed by a dash and the person:
 * the mark is what tells the title from a name on either side of the dash.
 */
function talkOfDashedItem(item: ListItem, text: string, vocabulary: Vocabulary): Finding | null {
  const m = DASHED.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const lead = item.children[0];
  const first = lead?.type === 'paragraph' ? lead.children[0] : undefined;
  const marked = (first?.type === 'strong' || first?.type === 'emphasis') && textOf(first).trim() === m[1].trim();
  if (!marked && !QUOTED.test(m[1])) return null;
  const people = splitPeople(m[2], lineOf(item), { vocabulary });
  if (people.length === 0 || people.length > 4 || people.some((p) => namesRole(p.name) || !/^\p{Lu}|\p{Script=Han}/u.test(p.name))) return null;
  const title = cleanTitle(m[1]);
  if (!title || isNonTalk(title, vocabulary)) return null;
  const line = lineOf(item);
  return { title, startTime: null, endTime: null, speakers: people, abstract: null, takeaways: null, line, blocks: [item] };
}

function talkOfItem(item: ListItem, vocabulary: Vocabulary): Finding[] {
  const text = itemLine(item);
  if (text.length > 300 || TIMED.test(text)) return [];
  const dashed = talkOfDashedItem(item, text, vocabulary);
  if (dashed) return [dashed];
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
