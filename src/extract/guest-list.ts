import type { RootContent } from 'mdast';
import { ANY_HEADING, HeadingScope } from './heading-scope.js';
import { emphasisOnlyText, lineOf, textOf } from './mdast.js';
import { BARE_NAME, isHostLine } from './people.js';
import { affiliationIn, namesRole, parseSpeakerIntro } from './speaker-intro.js';
import type { PersonFound } from './talk-candidate.js';
import { matchLabel, type Vocabulary } from './vocabulary.js';


/**
 * People listed under a speakers heading (`## 嘉宾`, `## 分享嘉宾`, `## Speakers`), one item each
 * ("吴桐，示例集团技术专家") or a name item followed by items describing that person
 * ("周宁" then "示例集团消息中间件负责人"). Hosts are left out.
 */
export function peopleFromSpeakerLists(nodes: readonly RootContent[], vocabulary: Vocabulary): PersonFound[] {
  const out: PersonFound[] = [];
  const guests = new HeadingScope<true>();
  const opensGuests = (text: string) => {
    const label = matchLabel(text, vocabulary);
    return label?.role === 'speaker' && !label.rest;
  };
  for (const node of nodes) {
    if (node.type === 'heading') {
      guests.heading(node.depth);
      if (opensGuests(textOf(node))) guests.enter(true, node.depth);
      continue;
    }
    const bold = emphasisOnlyText(node);
    if (bold !== null) {
      guests.end();
      if (opensGuests(bold)) guests.enter(true, ANY_HEADING);
      continue;
    }
    const inList = guests.current !== null;
    if (inList && node.type === 'list') out.push(...peopleOfItems(node.children.map((item) => ({ text: textOf(item).trim(), line: lineOf(item) }))));
    // Guests written as lines of a paragraph rather than as a list.
    if (inList && node.type === 'paragraph') out.push(...peopleOfItems(textOf(node).split('\n').map((text) => ({ text: text.trim(), line: lineOf(node) }))));
  }
  return out;
}

interface Growing {
  name: string;
  aliases: readonly string[];
  affiliation: string | null;
  bio: string[];
  line: number | null;
}

/** Reads one list: each item opens a person or describes the one before it. */
function peopleOfItems(items: { text: string; line: number | null }[]): PersonFound[] {
  const people: Growing[] = [];
  let current: Growing | null = null;
  // A list that opens with a bare name describes each person over several items.
  let namePerItem = false;
  for (const { text, line } of items) {
    if (!text) continue;
    if (isHostLine(text)) {
      current = null;
      continue;
    }
    const intro = parseSpeakerIntro(text);
    const nameOnly = BARE_NAME.test(text) && !namesRole(text);
    if (people.length === 0) namePerItem = nameOnly;
    // A line that opens with a name and a comma introduces someone ("吴桐，…", "Kepler, …").
    const namedFirst = /^[^，,\s]{2,4}[，,\s]/u.test(text) || (intro !== null && text.startsWith(intro.name) && /^\s*[，,]/u.test(text.slice(intro.name.length)));
    const opens = intro && (nameOnly || (!namePerItem && (intro.affiliation !== null || intro.aliases.length > 0 || namedFirst)));
    if (intro && opens) {
      current = { name: intro.name, aliases: intro.aliases, affiliation: intro.affiliation, bio: [text], line };
      people.push(current);
    } else if (current) {
      current.affiliation ??= affiliationIn(text);
      current.bio.push(text);
    }
  }
  return people.map((p) => ({ name: p.name, aliases: p.aliases, affiliation: p.affiliation, bio: p.bio.join('\n'), line: p.line }));
}
