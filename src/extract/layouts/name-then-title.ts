import type { ListItem } from 'mdast';
import { lineOf, textOf } from '../mdast.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle } from '../titles.js';
import { isNonTalk, matchLabel, type Vocabulary } from '../vocabulary.js';
import { TIME_RANGE } from '../when.js';
import type { Layout } from './layout.js';

/** A person's name in Latin script: two to four capitalised words ("Ada Wong", "Mads Hartmann Jensen"). */
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:van|von|de|der|da|di|le|la)?\s*\p{Lu}[\p{L}'’.-]*){1,3}`;
/** "Name: Title", "Name, Org: Title", "Name (Org): Title". */
const NAME_COLON = new RegExp(String.raw`^(${NAME})\s*(?:,\s*([^:：,]{1,40})|\(([^()]{1,40})\))?\s*[:：]\s*(.+)$`, 'u');
/** "Name (Org) – Title": the bracketed organisation tells the name from a title before a dash. */
const NAME_ORG_DASH = new RegExp(String.raw`^(${NAME})\s*\(([^()]{1,40})\)\s*[-–—]\s*(.+)$`, 'u');
const TIMED = new RegExp(`^\\s*${TIME_RANGE}`, 'u');

/**
 * List items that name the speaker first, English style: `* Ada Wong: Streams in practice`,
 * `* Ada Wong, Example Labs: [Streams in practice](…)`, `- Ada Wong (Example Labs) – Streams`.
 * The name must be a person's (two capitalised words or more, not a role or a label such as
 * "Note:"); what follows is the title.
 */
export const nameThenTitle: Layout = {
  name: 'name-then-title',
  priority: 1,
  schedule: true,
  find: (page) => page.outside.flatMap((node) => (node.type === 'list' ? node.children.flatMap((item) => talkOfItem(item, page.vocabulary)) : [])),
};

function talkOfItem(item: ListItem, vocabulary: Vocabulary): Finding[] {
  const text = (textOf(item).split('\n')[0] ?? '').trim();
  if (text.length > 300 || TIMED.test(text) || matchLabel(text, vocabulary)) return [];
  const colon = NAME_COLON.exec(text);
  const dash = colon ? null : NAME_ORG_DASH.exec(text);
  const name = (colon?.[1] ?? dash?.[1])?.trim();
  const organisation = (colon?.[2] ?? colon?.[3] ?? dash?.[2])?.trim() || null;
  const rawTitle = colon?.[4] ?? dash?.[3];
  if (!name || !rawTitle || namesRole(name) || (organisation && namesRole(organisation))) return [];
  const title = cleanTitle(rawTitle);
  if (!title || isNonTalk(title, vocabulary)) return [];
  const line = lineOf(item);
  return [{ title, startTime: null, endTime: null, speakers: [{ name, aliases: [], affiliation: organisation, bio: null, line }], abstract: null, takeaways: null, line, blocks: [item] }];
}
