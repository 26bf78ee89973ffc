import type { RootContent } from 'mdast';
import { isImageUrl, kindOfLabel, kindOfUrl, projectOf } from '../links.js';
import { linksIn, sourceOf, textOf } from '../mdast.js';
import { mergePeople } from '../merge-talks.js';
import { PANEL, splitPeople } from '../people.js';
import { affiliationIn, namesRole, parseSpeakerIntro } from '../speaker-intro.js';
import type { Finding, PersonFound, TalkLink } from '../talk-candidate.js';
import type { Layout } from './layout.js';
import type { TalkSection } from '../talk-sections.js';
import { cleanTitle } from '../titles.js';
import { matchLabel, type LabelRole, type Vocabulary } from '../vocabulary.js';
import { parseClock } from '../when.js';

/** Detail sections: `**《title》**` (or a heading) then 嘉宾介绍 / 议题简介 / 听众收获 … */
export const detailSections: Layout = {
  name: 'detail-sections',
  priority: 0,
  find: (page) => talksFromSections(page.sections, page.body, page.vocabulary),
};

function talksFromSections(sections: readonly TalkSection[], body: string, vocabulary: Vocabulary): Finding[] {
  return sections.map((section) => {
    const part = (role: LabelRole) => {
      const blocks = section.parts.get(role) ?? [];
      return blocks.length ? stripLabel(sourceOf(body, blocks), vocabulary) : null;
    };
    const clock = parseClock(section.inline.get('time') ?? timeLineOf(section.blocks, vocabulary) ?? '');
    return {
      title: cleanTitle(section.title),
      startTime: clock.startTime,
      endTime: clock.endTime,
      speakers: speakersOf(section, body, vocabulary),
      abstract: part('abstract'),
      takeaways: part('takeaways'),
      line: section.line,
      blocks: section.blocks,
      links: linksOf(section),
    };
  });
}

/** A short line of its own stating the talk's time ("19：00 - 20：00"), before any label. */
function timeLineOf(blocks: readonly RootContent[], vocabulary: Vocabulary): string | null {
  for (const block of blocks) {
    const text = textOf(block).trim();
    if (block.type === 'paragraph' && text.length <= 30 && parseClock(text).startTime && !matchLabel(text, vocabulary)) return text;
    if (matchLabel(text.split('\n')[0] ?? '', vocabulary)) return null;
  }
  return null;
}

/**
 * Speakers of a section: each paragraph under 嘉宾介绍 that opens with a name introduces one
 * person; paragraphs that follow without a new name continue that person's bio. A speaker line
 * written as several short lines ("张三（花名：阿三）" / "示例集团技术专家") is one person.
 */
function speakersOf(section: TalkSection, body: string, vocabulary: Vocabulary): PersonFound[] {
  const blocks = section.parts.get('speaker') ?? [];
  const people: { person: PersonFound; bio: RootContent[] }[] = [];
  const panel = PANEL.test(section.title);
  for (const block of blocks) {
    const text = stripLabel(textOf(block), vocabulary);
    const [firstLine = '', ...more] = text.split('\n');
    // A labelled line naming several people ("嘉宾：钱七、孙八") or a person and their
    // organisation ("讲师：李华 / PingCAP") introduces each of them; a panel's 主持人 presents too.
    const labelledLine = textOf(block).split('\n')[0] ?? '';
    if (labelledLine.trim() !== firstLine.trim() || /[/／]/u.test(firstLine)) {
      const named = splitPeople(labelledLine, block.position?.start.line ?? null, { keepHosts: panel, vocabulary });
      if (named.length > 1 || (named.length === 1 && /[/／]/u.test(firstLine))) {
        for (const person of named) people.push({ person, bio: [] });
        continue;
      }
    }
    let intro = parseSpeakerIntro(firstLine);
    if (intro && intro.affiliation === null && more.length > 0) intro = { ...intro, affiliation: parseSpeakerIntro(`${intro.name}，${more.join('，')}`)?.affiliation ?? null };
    const opensNewPerson = intro && (people.length === 0 || intro.aliases.length > 0 || intro.affiliation !== null);
    if (intro && opensNewPerson) people.push({ person: { ...intro, bio: null, line: block.position?.start.line ?? null }, bio: [block] });
    else people[people.length - 1]?.bio.push(block);
  }
  if (people.length === 0) {
    const inline = section.inline.get('speaker');
    const intro = inline ? parseSpeakerIntro(inline) : null;
    if (intro) people.push({ person: { ...intro, bio: null, line: section.line }, bio: [] });
  }
  // "讲师：李宇" then "个人介绍：某平台研发工程师": a bio line tells of the person named before it.
  const bioBlocks = section.parts.get('bio') ?? [];
  if (bioBlocks.length) people[people.length - 1]?.bio.push(...bioBlocks);
  const found = people.map(({ person, bio }) => {
    // A person named alone on the speaker line: their organisation is in the lines after the name.
    const after = bio[0] && bioBlocks.includes(bio[0]) ? bio : bio.slice(1);
    return {
      ...person,
      affiliation: person.affiliation ?? affiliationAfterName(after, vocabulary),
      bio: bio.length ? stripLabel(sourceOf(body, bio), vocabulary) : null,
    };
  });
  return mergePeople(byline(section, vocabulary), found);
}

/**
 * The organisation the first of these bio blocks states, if any: "某科技边缘平台研发总监",
 * or "Org，Role" ("Juicedata，全栈工程师", "Acme, Staff Engineer").
 */
function affiliationAfterName(bio: readonly RootContent[], vocabulary: Vocabulary): string | null {
  for (const block of bio) {
    const text = stripLabel(textOf(block), vocabulary);
    const affiliation = affiliationIn(text) ?? organisationBeforeRole(text);
    if (affiliation) return affiliation;
  }
  return null;
}

/** "Juicedata，全栈工程师": a first clause without a role, then one that is a role. */
function organisationBeforeRole(text: string): string | null {
  const [org = '', role = ''] = text.split(/\s*[，,]\s*/u);
  return org.length >= 2 && org.length <= 40 && !namesRole(org) && namesRole(role) ? org.trim() : null;
}

/**
 * A byline right under the title, before any label: "> 李四 示例云技术专家". Taken only when it
 * reads as a person with an organisation or a 花名.
 */
function byline(section: TalkSection, vocabulary: Vocabulary): PersonFound[] {
  const first = section.blocks[0];
  if (!first || (first.type !== 'blockquote' && first.type !== 'paragraph')) return [];
  const text = textOf(first).split('\n')[0]?.trim() ?? '';
  if (text.length > 80 || matchLabel(text, vocabulary)) return [];
  const intro = parseSpeakerIntro(text);
  return intro && (intro.affiliation !== null || intro.aliases.length > 0) ? [{ ...intro, bio: null, line: first.position?.start.line ?? null }] : [];
}

/** Links under a resource label in the section, or whose address says what they are. */
function linksOf(section: TalkSection): TalkLink[] {
  const out: TalkLink[] = [];
  for (const [role, blocks] of section.parts) {
    const kind = kindOfLabel(role);
    for (const block of blocks) {
      for (const link of linksIn(block)) {
        if (isImageUrl(link.url) || projectOf(link.url)) continue;
        const k = kind ?? kindOfUrl(link.url, link.text);
        if (k) out.push({ url: link.url, title: null, kind: k, line: link.line });
      }
    }
  }
  return out;
}

/** Drops a leading "嘉宾介绍：" from text whose label shares its line. */
export function stripLabel(text: string, vocabulary: Vocabulary): string {
  const [first = '', ...rest] = text.split('\n');
  const label = matchLabel(first, vocabulary);
  if (!label) return text.trim();
  if (!label.rest && !/[:：]\s*$/u.test(first)) return text.trim();
  return [label.rest, ...rest].join('\n').trim();
}
