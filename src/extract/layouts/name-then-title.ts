import type { Heading, ListItem, RootContent } from 'mdast';
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
/** A recap heading "张伟：如何设计注册中心" / "Ada Wong: Streams": a Chinese name of two to four characters or a Latin one. */
const HEADING_NAME_COLON = new RegExp(String.raw`^((?:[\p{Script=Han}·]{2,4})|${NAME})\s*[:：]\s*(.{2,})$`, 'u');
/** "Name (Org) – Title": the bracketed organisation tells the name from a title before a dash. */
const NAME_ORG_DASH = new RegExp(String.raw`^(${NAME})\s*\(([^()]{1,40})\)\s*[-–—]\s*(.+)$`, 'u');
const TIMED = new RegExp(`^\\s*${TIME_RANGE}`, 'u');

/**
 * Talks written speaker first: recap headings ("## 张伟：题目"), and list items, English style: `* Ada Wong: Streams in practice`,
 * `* Ada Wong, Example Labs: [Streams in practice](…)`, `- Ada Wong (Example Labs) – Streams`.
 * The name must be a person's (two capitalised words or more, not a role or a label such as
 * "Note:"); what follows is the title.
 */
export const nameThenTitle: Layout = {
  name: 'name-then-title',
  priority: 1,
  schedule: true,
  find: (page) =>
    page.outside.flatMap((node) => {
      if (node.type === 'list') return node.children.flatMap((item) => talkOfItem(item, page.vocabulary));
      if (node.type === 'heading') return talkOfHeading(node, page.nodes, page.vocabulary);
      return [];
    }),
};

/**
 * A recap heading "## 张伟：如何设计一个高可用的注册中心": the person, then the talk; what stands
 * under it, up to the next heading of its level, is about that talk (its recording, its deck)
 * and names the person again, which tells a name from a heading's kicker ("重磅发布：…").
 */
function talkOfHeading(heading: Heading, nodes: readonly RootContent[], vocabulary: Vocabulary): Finding[] {
  const text = textOf(heading).trim();
  if (text.length > 200) return [];
  const m = HEADING_NAME_COLON.exec(text);
  if (!m?.[1] || !m[2] || matchLabel(text, vocabulary) || TIMED.test(text)) return [];
  const name = m[1].trim();
  if (namesRole(name) || isNonTalk(name, vocabulary)) return [];
  const title = cleanTitle(m[2]);
  if (!title || isNonTalk(title, vocabulary)) return [];
  const start = nodes.indexOf(heading);
  const blocks: RootContent[] = [];
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= heading.depth) break;
    blocks.push(node);
  }
  // "重磅发布：…" has the shape of "张伟：…"; a recap names its speaker again in what it says.
  if (/\p{Script=Han}/u.test(name) && !blocks.some((b) => textOf(b).includes(name))) return [];
  const line = lineOf(heading);
  return [{ title, startTime: null, endTime: null, speakers: [{ name, aliases: [], affiliation: null, bio: null, line }], abstract: null, takeaways: null, line, blocks }];
}

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
