import type { Root, RootContent } from 'mdast';
import type { FrontMatter } from '../content/front-matter-schema.js';
import type {
  EventFacts,
  PageRecord,
  ProjectLink,
  ResourceKind,
  ResourceRecord,
  SourceRef,
  SpeakerMention,
  TalkRecord,
} from '../model/records.js';
import { applyFrontMatterTalks } from './front-matter-talks.js';
import { isImageUrl, kindOfLabel, kindOfUrl, projectOf } from './links.js';
import { linksIn, sourceOf, textOf } from './mdast.js';
import { cityFrom, cleanVenue, formatFrom } from './place.js';
import { SpeakerRoster } from './speaker-roster.js';
import { readLabelledValues, type LabelledValue } from './summary.js';
import { findTalkSections, type TalkSection } from './talk-sections.js';
import { cleanTitle, sameTitle } from './titles.js';
import { defaultVocabulary, matchLabel, type LabelRole, type Vocabulary } from './vocabulary.js';
import { offsetOf, parseClock, parseWhen } from './when.js';

export interface PageInput {
  readonly sourcePath: string;
  readonly slug: string;
  readonly language: string | null;
  readonly frontMatter: FrontMatter;
  readonly body: string;
  /** File line on which the body starts, to turn tree lines into file lines. */
  readonly bodyLine: number;
  readonly tree: Root;
}

export interface ExtractOptions {
  readonly vocabulary?: Vocabulary;
  /** Offset used when the front-matter date states none. */
  readonly defaultOffset?: string;
}

/** Turns one parsed page into the records it contributes: event facts, talks, people, links. */
export function extractPage(page: PageInput, options: ExtractOptions = {}): PageRecord {
  const vocabulary = options.vocabulary ?? defaultVocabulary;
  const at = (bodyLine: number | null): SourceRef => ({
    path: page.sourcePath,
    line: bodyLine === null ? null : bodyLine + page.bodyLine - 1,
  });
  const nodes = page.tree.children;
  const sections = findTalkSections(nodes, vocabulary);
  const inSections = new Set<RootContent>(sections.flatMap((s) => s.blocks));
  const labelled = readLabelledValues(
    nodes.filter((n) => !inSections.has(n)),
    vocabulary,
  );

  const event = eventFacts(page, labelled, options.defaultOffset ?? '+00:00');
  const roster = new SpeakerRoster();
  const bodyTalks = sections.map((section) => talkOfSection(section, page.body, roster, at));
  const resources = new ResourceList();
  sections.forEach((section, index) => collectSectionResources(section, index, resources, at));
  for (const value of labelled) collectLabelledResources(value, bodyTalks, resources, at);
  collectShapedResources(nodes.filter((n) => !inSections.has(n)), resources, at);
  const projects = collectProjects(page.tree, sections, at);

  const record: PageRecord = {
    sourcePath: page.sourcePath,
    slug: page.slug,
    language: page.language,
    body: page.body,
    event,
    talks: bodyTalks,
    speakers: roster.mentions(),
    resources: resources.list(bodyTalks.length),
    projects,
    source: { path: page.sourcePath, line: 1 },
  };
  return page.frontMatter.talks ? applyFrontMatterTalks(record, page.frontMatter.talks) : record;
}

/** Event facts: front matter first, then the labelled summary lines of the body. */
function eventFacts(page: PageInput, labelled: readonly LabelledValue[], defaultOffset: string): EventFacts {
  const fm = page.frontMatter;
  const first = (role: LabelRole) => labelled.find((v) => v.role === role && v.value)?.value ?? null;
  const title = fm.title ?? first('theme') ?? page.slug;
  const when = parseWhen(first('time') ?? '', fm.date ?? null);
  const venueText = fm.venue ?? first('venue');
  const venue = venueText ? cleanVenue(venueText) : null;
  const formatText = first('format');
  return {
    title,
    description: fm.description || null,
    published: fm.date ?? null,
    date: when.date,
    startTime: fm.startTime ?? when.startTime,
    endTime: fm.endTime ?? when.endTime,
    utcOffset: offsetOf(fm.date) ?? defaultOffset,
    city: fm.city ?? cityFrom(title, venue),
    venue,
    format: fm.format ?? (formatText ? formatFrom(formatText) : null),
    tags: fm.tags ?? [],
    categories: fm.categories ?? [],
    cover: fm.cover ?? null,
  };
}

/** One talk from its detail section: title, speakers, abstract, takeaways, time. */
function talkOfSection(
  section: TalkSection,
  body: string,
  roster: SpeakerRoster,
  at: (line: number | null) => SourceRef,
): TalkRecord {
  const speakers = speakersOfSection(section, body, roster, at);
  const clock = parseClock(section.inline.get('time') ?? '');
  const part = (role: LabelRole) => {
    const blocks = section.parts.get(role) ?? [];
    return blocks.length ? stripLabel(sourceOf(body, blocks)) : null;
  };
  return {
    title: cleanTitle(section.title),
    abstract: part('abstract'),
    takeaways: part('takeaways'),
    startTime: clock.startTime,
    endTime: clock.endTime,
    speakers,
    source: at(section.line),
  };
}

/**
 * Speakers of a section: each paragraph under 嘉宾介绍 that opens with a name introduces one
 * person; paragraphs that follow without a new name continue that person's bio.
 */
function speakersOfSection(
  section: TalkSection,
  body: string,
  roster: SpeakerRoster,
  at: (line: number | null) => SourceRef,
): number[] {
  const blocks = section.parts.get('speaker') ?? [];
  const people: { intro: ReturnType<SpeakerRoster['parse']>; bio: RootContent[]; line: number | null }[] = [];
  for (const block of blocks) {
    const text = stripLabel(textOf(block));
    const intro = roster.parse(text);
    const opensNewPerson = intro && (people.length === 0 || intro.aliases.length > 0 || intro.affiliation !== null);
    if (intro && opensNewPerson) people.push({ intro, bio: [block], line: block.position?.start.line ?? null });
    else people[people.length - 1]?.bio.push(block);
  }
  if (people.length === 0) {
    const inline = section.inline.get('speaker');
    const intro = inline ? roster.parse(inline) : null;
    if (intro) people.push({ intro, bio: [], line: section.line });
  }
  return people.flatMap(({ intro, bio, line }) =>
    intro ? [roster.add({ ...intro, bio: bio.length ? stripLabel(sourceOf(body, bio)) : null, source: at(line) })] : [],
  );
}

/** Drops a leading "嘉宾介绍：" from text whose label shares its line. */
function stripLabel(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  const label = matchLabel(first);
  if (!label?.rest) return text.trim();
  return [label.rest, ...rest].join('\n').trim();
}

/** Resources met on a page, once per URL; the first mention that ties one to a talk wins. */
class ResourceList {
  private readonly byUrl = new Map<string, { url: string; title: string | null; kind: ResourceKind; talk: number | null; source: SourceRef }>();

  add(url: string, title: string | null, kind: ResourceKind, talk: number | null, source: SourceRef): void {
    const known = this.byUrl.get(url);
    if (!known) this.byUrl.set(url, { url, title, kind, talk, source });
    else if (known.talk === null && talk !== null) known.talk = talk;
  }

  /** With a single talk on the page, every resource is that talk's. */
  list(talkCount: number): ResourceRecord[] {
    return [...this.byUrl.values()].map((r) => ({ ...r, talk: r.talk ?? (talkCount === 1 ? 0 : null) }));
  }
}

/** Links under a resource label inside a talk's section belong to that talk. */
function collectSectionResources(
  section: TalkSection,
  index: number,
  resources: ResourceList,
  at: (line: number | null) => SourceRef,
): void {
  for (const [role, blocks] of section.parts) {
    const kind = kindOfLabel(role);
    for (const block of blocks) {
      for (const link of linksIn(block)) {
        if (isImageUrl(link.url) || projectOf(link.url)) continue;
        const k = kind ?? kindOfUrl(link.url, link.text);
        if (k) resources.add(link.url, linkTitle(link.text, link.url), k, index, at(link.line));
      }
    }
  }
}

/** Links under a summary label (资料下载, 直播间地址 …); a link naming a talk belongs to it. */
function collectLabelledResources(
  value: LabelledValue,
  talks: readonly TalkRecord[],
  resources: ResourceList,
  at: (line: number | null) => SourceRef,
): void {
  const kind = kindOfLabel(value.role);
  if (!kind) return;
  for (const link of value.links) {
    if (isImageUrl(link.url) || projectOf(link.url)) continue;
    const title = linkTitle(link.text, link.url);
    const talk = title ? talks.findIndex((t) => sameTitle(t.title, title)) : -1;
    resources.add(link.url, title, kindOfUrl(link.url, '') === 'LIVESTREAM' ? 'LIVESTREAM' : kind, talk === -1 ? null : talk, at(link.line));
  }
}

/** Links whose address alone says what they are (a live room, a video page) anywhere else. */
function collectShapedResources(nodes: readonly RootContent[], resources: ResourceList, at: (line: number | null) => SourceRef): void {
  for (const node of nodes) {
    for (const link of linksIn(node)) {
      if (isImageUrl(link.url) || projectOf(link.url)) continue;
      const kind = kindOfUrl(link.url, link.text);
      if (kind === 'LIVESTREAM' || kind === 'VIDEO') resources.add(link.url, linkTitle(link.text, link.url), kind, null, at(link.line));
    }
  }
}

/** A link's text as a title, unless it only repeats the address or says "here". */
function linkTitle(text: string, url: string): string | null {
  const title = cleanTitle(text);
  if (!title || title === url || /^https?:\/\//.test(title) || /^(戳这里|点击这里|这里|点此|here|link|链接)$/iu.test(title)) return null;
  return title;
}

/** Every code-hosting link of the body, once per project, with the talks whose section holds it. */
function collectProjects(tree: Root, sections: readonly TalkSection[], at: (line: number | null) => SourceRef): ProjectLink[] {
  const bySlug = new Map<string, { slug: string; url: string; label: string | null; talks: Set<number>; source: SourceRef }>();
  const sectionOf = new Map<RootContent, number>();
  sections.forEach((s, i) => s.blocks.forEach((b) => sectionOf.set(b, i)));
  for (const node of tree.children) {
    const talk = sectionOf.get(node);
    for (const link of linksIn(node)) {
      const project = projectOf(link.url);
      if (!project) continue;
      let entry = bySlug.get(project.slug);
      if (!entry) {
        entry = { slug: project.slug, url: project.url, label: project.name, talks: new Set(), source: at(link.line) };
        bySlug.set(project.slug, entry);
      }
      if (talk !== undefined) entry.talks.add(talk);
    }
  }
  return [...bySlug.values()].map((p) => ({ ...p, talks: [...p.talks].sort((a, b) => a - b) }));
}
