import type { Heading, ListItem, RootContent } from 'mdast';
import { itemLine, lineOf, textOf } from '../mdast.js';
import { isPersonName } from '../people.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle, QUOTED } from '../titles.js';
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
/** Words of a heading's kicker, never of a name: "特别鸣谢：…", "温馨提示：…", "活动回顾：…". */
const KICKER_WORDS = /提示|鸣谢|致谢|感谢|说明|通知|公告|福利|彩蛋|介绍|回顾|预告|报名|注意|重要|更新|发布|亮点|总结|议程|地点|时间/u;

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
      if (node.type === 'list') return talksOfList(node.children, page.vocabulary);
      if (node.type === 'heading') return talkOfHeading(node, page.nodes, page.vocabulary);
      return [];
    }),
};

/**
 * Items of one list: an agenda has several such lines; a lone "Label: value" item is believed only
 * when its name or title is marked as such (a linked name, a quoted or linked title).
 */
function talksOfList(items: readonly ListItem[], vocabulary: Vocabulary): Finding[] {
  const found = items.flatMap((item) => talkOfItem(item, vocabulary));
  return found.length >= 2 ? found.map((f) => f.finding) : found.filter((f) => f.marked).map((f) => f.finding);
}

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
  // "重磅发布：…" has the shape of "张伟：…"; a recap names its speaker again in what it says, as a
  // person ("张伟介绍了…"), not as the heading's own label repeated ("温馨提示：…").
  const han = /\p{Script=Han}/u.test(name);
  if (han && KICKER_WORDS.test(name)) return [];
  if (!han && !isPersonName(name)) return [];
  const said = (b: RootContent) => {
    const t = textOf(b);
    const at = t.indexOf(han ? name : (name.split(/\s+/u)[0] ?? name));
    return at !== -1 && !/^\s*[:：]/u.test(t.slice(at + name.length));
  };
  if (!blocks.some(said)) return [];
  const line = lineOf(heading);
  return [{ title, startTime: null, endTime: null, speakers: [{ name, aliases: [], affiliation: null, bio: null, line }], abstract: null, takeaways: null, line, blocks }];
}

function talkOfItem(item: ListItem, vocabulary: Vocabulary): { finding: Finding; marked: boolean }[] {
  const head = item.children[0];
  if (head?.type !== 'paragraph') return [];
  const text = itemLine(item);
  if (text.length > 300 || TIMED.test(text) || matchLabel(text, vocabulary)) return [];
  const colon = NAME_COLON.exec(text);
  const dash = colon ? null : NAME_ORG_DASH.exec(text);
  const name = (colon?.[1] ?? dash?.[1])?.trim();
  const organisation = (colon?.[2] ?? colon?.[3] ?? dash?.[2])?.trim() || null;
  const rawTitle = colon?.[4] ?? dash?.[3];
  if (!name || !rawTitle || !isPersonName(name) || (organisation && namesRole(organisation))) return [];
  const title = cleanTitle(rawTitle);
  if (!title || !readsAsTitle(rawTitle) || isNonTalk(title, vocabulary)) return [];
  const first = head.children[0];
  const linkedName = first?.type === 'link' && textOf(first).trim() === name;
  const linkedTitle = head.children.some((c) => c.type === 'link' && cleanTitle(textOf(c)) === title);
  const line = lineOf(item);
  const finding: Finding = { title, startTime: null, endTime: null, speakers: [{ name, aliases: [], affiliation: organisation, bio: null, line }], abstract: null, takeaways: null, line, blocks: [item] };
  return [{ finding, marked: linkedName || linkedTitle || QUOTED.test(rawTitle.trim()) }];
}


/** A title as agendas write it: not a time, not a clause going on in lower case ("provided by …"). */
function readsAsTitle(raw: string): boolean {
  const t = raw.trim();
  if (QUOTED.test(t)) return true;
  if (/^\d{1,2}[:.]\d{2}\b/u.test(t) || /^(?:by|provided|sponsored|hosted|courtesy)\b/iu.test(t)) return false;
  return !/^\p{Ll}/u.test(t);
}
