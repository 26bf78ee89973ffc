import type { List, ListItem } from 'mdast';
import { itemLine, lineOf, textOf } from '../mdast.js';
import { BARE_NAME } from '../people.js';
import { namesRole } from '../speaker-intro.js';
import type { Finding } from '../talk-candidate.js';
import { cleanTitle } from '../titles.js';
import { isNonTalk, matchLabel, type Vocabulary } from '../vocabulary.js';
import type { Layout } from './layout.js';

/**
 * Speakers listed as nested bullets, the talk among what is said of them:
 *
 *     - Jane Smith
 *       - Example GmbH
 *       - Jane builds tooling for big monorepos.
 *       - Talk: Scaling monorepos with workspaces
 *
 * An item is a person when its own line is a name alone; its talk is the nested item labelled
 * as a title ("Talk:", "Title:", "议题：", "分享主题："). The first short unlabelled item is the
 * organisation; longer ones are the bio.
 */
export const speakerItems: Layout = {
  name: 'speaker-items',
  priority: 2,
  find: (page) => page.outside.flatMap((node) => (node.type === 'list' ? node.children.flatMap((item) => talkOfPerson(item, page.vocabulary)) : [])),
};

function talkOfPerson(item: ListItem, vocabulary: Vocabulary): Finding[] {
  const [head, ...rest] = item.children;
  const nested = rest.filter((c): c is List => c.type === 'list').flatMap((l) => l.children);
  if (!head || head.type !== 'paragraph' || nested.length === 0) return [];
  const name = (textOf(head).split('\n')[0] ?? '').trim();
  if (!BARE_NAME.test(name) || namesRole(name) || matchLabel(name, vocabulary)) return [];
  let title: string | null = null;
  let affiliation: string | null = null;
  const bio: string[] = [];
  for (const child of nested) {
    const text = itemLine(child);
    const label = matchLabel(text, vocabulary);
    // "Title: Community Lead", "Topic: Staff Engineer at Acme" describe the person, not a talk.
    const jobTitle = label ? namesRole(label.rest) || /\bat\s+\p{Lu}/u.test(label.rest) : false;
    if (label && (label.role === 'talkTitle' || label.role === 'theme') && label.rest && !jobTitle) title ??= cleanTitle(label.rest);
    else if (!label && affiliation === null && bio.length === 0 && isShortName(text)) affiliation = text;
    else if (!label) bio.push(text);
  }
  if (!title || isNonTalk(title, vocabulary)) return [];
  const line = lineOf(item);
  const person = { name, aliases: [], affiliation, bio: bio.length ? bio.join('\n') : null, line };
  return [{ title, startTime: null, endTime: null, speakers: [person], abstract: null, takeaways: null, line, blocks: [item] }];
}

/** An organisation's name: a few words, not a sentence. */
function isShortName(text: string): boolean {
  return text.length > 0 && text.length <= 40 && text.split(/\s+/u).length <= 5 && !/[.。!！?？:：]$/u.test(text) && !namesRole(text);
}
