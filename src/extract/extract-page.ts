import type { Root, RootContent } from 'mdast';
import type { FrontMatter } from '../content/front-matter-schema.js';
import type { ParsedPage } from '../content/parse-page.js';
import type { EventFactField, EventFacts, PageRecord, ProjectLink, ResourceKind, ResourceRecord, SourceRef, TalkRecord } from '../model/records.js';
import { seriesOf } from './series.js';
import { applyFrontMatterTalks } from './front-matter-talks.js';
import { assignGuests } from './assign-guests.js';
import { isGenericLinkText, isImageUrl, isPlaceholderText, kindOfLabel, kindOfUrl, projectOf } from './links.js';
import { lineOf, linksIn, textOf } from './mdast.js';
import { mergeTalks } from './merge-talks.js';
import { cityFrom, cleanVenue, formatFrom } from './place.js';
import { applySessionTopic } from './single-talk.js';
import { SpeakerRoster } from './speaker-roster.js';
import { talksFromAgendaLines } from './layouts/agenda-lines.js';
import { talksFromAgendaTables } from './layouts/agenda-table.js';
import { talksFromLabelledValues } from './layouts/labelled-talks.js';
import { talksFromResourceTitles } from './layouts/resource-titles.js';
import { talksFromSections } from './layouts/sections.js';
import { peopleFromSpeakerLists } from './guest-list.js';
import { readLabelledValues, type LabelledValue } from './summary.js';
import type { TalkCandidate } from './talk-candidate.js';
import { HeadingScope } from './heading-scope.js';
import { findTalkSections } from './talk-sections.js';
import { sameTitle, stripDecorations, titleOfLinkText } from './titles.js';
import { defaultVocabulary, type LabelRole, type Vocabulary } from './vocabulary.js';
import { offsetOf, parseClock, parseDay } from './when.js';

export interface ExtractOptions {
  readonly vocabulary?: Vocabulary;
  /** Offset used when the front-matter date states none. */
  readonly defaultOffset?: string;
}

/**
 * Turns one parsed page into the records it contributes. Several strategies each find part of
 * the picture (detail sections, agenda tables, timed agenda lines, labelled lines, titled slide
 * links, the guest list, the session topic); their findings are merged into one talk list.
 */
export function extractPage(page: ParsedPage, options: ExtractOptions = {}): PageRecord {
  const vocabulary = options.vocabulary ?? defaultVocabulary;
  const at = (bodyLine: number | null): SourceRef => ({
    path: page.sourcePath,
    line: bodyLine === null ? null : bodyLine + page.bodyLine - 1,
  });
  const nodes = page.tree.children;
  const sections = findTalkSections(nodes, vocabulary);
  const inSections = new Set<RootContent>(sections.flatMap((s) => s.blocks));
  const outside = nodes.filter((n) => !inSections.has(n));
  const labelled = readLabelledValues(outside, vocabulary);
  const event = eventFacts(page, labelled, nodes, options.defaultOffset ?? '+00:00', at);

  let talks = mergeTalks([
    ...talksFromSections(sections, page.body, vocabulary),
    ...talksFromAgendaTables(nodes, vocabulary),
    ...talksFromAgendaLines(outside, vocabulary),
    ...talksFromLabelledValues(labelled, vocabulary),
  ]);
  if (talks.length === 0) talks = mergeTalks(talksFromResourceTitles(labelled, vocabulary));
  const guests = peopleFromSpeakerLists(nodes, vocabulary);
  talks = applySessionTopic(event.title, talks, guests);
  talks = assignGuests(talks, guests);
  talks = withHeadingSections(talks, nodes);

  const roster = new SpeakerRoster();
  const talkRecords: TalkRecord[] = talks.map((t) => ({
    title: t.title,
    abstract: t.abstract,
    takeaways: t.takeaways,
    startTime: t.startTime,
    endTime: t.endTime,
    speakers: [...new Set(t.speakers.map((p) => roster.add({ ...p, source: at(p.line) })))],
    source: at(t.line),
  }));

  const resources = new ResourceList();
  talks.forEach((t, i) => {
    for (const link of t.links ?? []) resources.add(link.url, link.title, link.kind, i, at(link.line));
  });
  for (const value of labelled) collectLabelledResources(value, talkRecords, resources, at);
  collectShapedResources(outside, resources, at);

  const record: PageRecord = {
    sourcePath: page.sourcePath,
    slug: page.slug,
    language: page.language,
    body: page.body,
    event: withAgendaSpan({ ...event, format: event.format ?? formatFromResources(event, resources) }, talkRecords),
    talks: talkRecords,
    speakers: roster.mentions(),
    resources: resources.list(talkRecords.length),
    projects: collectProjects(page.tree, talks, at),
    source: { path: page.sourcePath, line: 1 },
  };
  return page.frontMatter.talks ? applyFrontMatterTalks(record, page.frontMatter.talks) : record;
}

/**
 * Event facts: front matter first, then the labelled summary lines, then the description.
 * Each fact remembers the line it was read from.
 */
function eventFacts(
  page: ParsedPage,
  labelled: readonly LabelledValue[],
  nodes: readonly RootContent[],
  defaultOffset: string,
  at: (line: number | null) => SourceRef,
): EventFacts {
  const fm = page.frontMatter;
  const frontMatter: SourceRef = { path: page.sourcePath, line: 1 };
  const sources: Partial<Record<EventFactField, SourceRef>> = {};
  const found = <T>(field: EventFactField, value: T | null, source: SourceRef | null): T | null => {
    if (value !== null && value !== undefined && source) sources[field] = source;
    return value;
  };
  const values = (role: LabelRole) => labelled.filter((v) => v.role === role && v.value);
  const first = (role: LabelRole) => values(role)[0] ?? null;
  const reference = fm.date ?? null;

  const theme = first('theme');
  const title = fm.title ?? found('title', theme?.value ?? null, theme ? at(theme.line) : null) ?? page.slug;
  // 日期 and 时间 may stand on two lines; the first line stating a day gives the day.
  const timeLines = values('time');
  const dayLine = timeLines.find((v) => parseDay(v.value, reference) !== null);
  const clockLine = timeLines.find((v) => parseClock(v.value).startTime !== null);
  const bodyDate = dayLine ? parseDay(dayLine.value, reference) : null;
  const date =
    found('date', bodyDate, dayLine ? at(dayLine.line) : null) ??
    found('date', parseDay(fm.description ?? '', reference), frontMatter) ??
    dateLineIn(nodes, reference, at, sources);
  // A description is prose: only a written clock time there (19:00) is taken for the start.
  const clock = clockLine ? parseClock(clockLine.value) : parseClock(fm.description ?? '', { hourWords: false });
  const clockSource = clockLine ? at(clockLine.line) : frontMatter;
  const venueLine = first('venue');
  const venue = fm.venue ?? found('venue', venueLine ? cleanVenue(venueLine.value) : null, venueLine ? at(venueLine.line) : null);
  const formatLine = first('format');
  const format =
    fm.format ??
    found('format', formatLine ? formatFrom(formatLine.value) : null, formatLine ? at(formatLine.line) : null) ??
    found('format', fm.description ? formatFrom(fm.description) : null, frontMatter);
  const city = fm.city ?? found('city', cityFrom(title, venue), venueLine && !cityFrom(title, null) ? at(venueLine.line) : frontMatter);
  return {
    title,
    description: fm.description || null,
    published: fm.date ?? null,
    date,
    startTime: fm.startTime ?? found('startTime', clock.startTime, clockSource),
    endTime: fm.endTime ?? found('endTime', clock.endTime, clockSource),
    utcOffset: offsetOf(fm.date) ?? defaultOffset,
    city,
    venue,
    format,
    tags: fm.tags ?? [],
    categories: fm.categories ?? [],
    cover: fm.cover ?? null,
    ...seriesFacts(fm, title),
    sources,
  };
}

/** Series and number: stated in front matter, else read from a "Name#N" title. */
function seriesFacts(fm: FrontMatter, title: string): { series: string | null; edition: number | null } {
  const read = seriesOf(title, [...(fm.categories ?? []), ...(fm.tags ?? [])]);
  return { series: fm.series ?? read?.series ?? null, edition: fm.edition ?? read?.edition ?? null };
}

/** A short paragraph that is only a full date ("2023 年 8 月 9 日（周三）"), for pages without a 时间 line. */
function dateLineIn(
  nodes: readonly RootContent[],
  reference: string | null,
  at: (line: number | null) => SourceRef,
  sources: Partial<Record<EventFactField, SourceRef>>,
): string | null {
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    const text = textOf(node).trim();
    const day = text.length <= 30 && /^\d{4}\s*年/u.test(text) ? parseDay(text, reference) : null;
    if (day) {
      sources.date = at(lineOf(node));
      return day;
    }
  }
  return null;
}

/**
 * An event that states when it starts but not when it ends ends with its agenda; one that
 * states neither spans its agenda.
 */
function withAgendaSpan(event: EventFacts, talks: readonly TalkRecord[]): EventFacts {
  const starts = talks.map((t) => t.startTime).filter((t): t is string => t !== null).sort();
  const ends = talks.map((t) => t.endTime).filter((t): t is string => t !== null).sort();
  const lastEnd = ends[ends.length - 1] ?? null;
  const startTime = event.startTime ?? starts[0] ?? null;
  const endTime = event.endTime ?? (startTime && lastEnd && lastEnd > startTime ? lastEnd : null);
  const agenda = talks.find((t) => t.startTime !== null)?.source;
  const sources = { ...event.sources };
  if (!event.startTime && startTime && agenda) sources.startTime = agenda;
  if (!event.endTime && endTime && agenda) sources.endTime = agenda;
  return { ...event, startTime, endTime, sources };
}

/** Without a 形式 line: a venue means people gather; a live room alone means online. */
function formatFromResources(event: EventFacts, resources: ResourceList): EventFacts['format'] {
  if (event.venue) return 'OFFLINE';
  return resources.has('LIVESTREAM') ? 'ONLINE' : null;
}

/**
 * A heading that names a talk ("### | 示例频道#11：从一个例子开始…") opens a section about it:
 * links under that heading belong to the talk too.
 */
function withHeadingSections(talks: TalkCandidate[], nodes: readonly RootContent[]): TalkCandidate[] {
  if (talks.length === 0) return talks;
  const extra = talks.map(() => [] as RootContent[]);
  const owner = new HeadingScope<number>();
  for (const node of nodes) {
    if (node.type === 'heading') {
      owner.heading(node.depth);
      const text = stripDecorations(textOf(node));
      // A heading names a talk when it is the title, or holds it whole (titles too short to be
      // telling, like "Rust", are not looked for inside headings).
      const match = talks.findIndex((t) => sameTitle(t.title, text) || (t.title.length >= 6 && text.includes(t.title)));
      if (match !== -1) owner.enter(match, node.depth);
      continue;
    }
    const talk = owner.current;
    if (talk !== null) extra[talk]?.push(node);
  }
  return talks.map((t, i) => ({ ...t, blocks: [...t.blocks, ...(extra[i] ?? [])] }));
}

/** Resources met on a page, once per URL; the first mention that ties one to a talk wins. */
class ResourceList {
  private readonly byUrl = new Map<string, { url: string; title: string | null; kind: ResourceKind; talk: number | null; source: SourceRef }>();

  add(url: string, title: string | null, kind: ResourceKind, talk: number | null, source: SourceRef): void {
    const known = this.byUrl.get(url);
    if (!known) this.byUrl.set(url, { url, title, kind, talk, source });
    else if (known.talk === null && talk !== null) known.talk = talk;
  }

  has(kind: ResourceKind): boolean {
    return [...this.byUrl.values()].some((r) => r.kind === kind);
  }

  /** With a single talk on the page, every resource is that talk's. */
  list(talkCount: number): ResourceRecord[] {
    return [...this.byUrl.values()].map((r) => ({ ...r, talk: r.talk ?? (talkCount === 1 ? 0 : null) }));
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
    if (isImageUrl(link.url) || projectOf(link.url) || isPlaceholderText(link.text)) continue;
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
export function linkTitle(text: string, url: string): string | null {
  const title = titleOfLinkText(text);
  if (!title || title === url || isGenericLinkText(title)) return null;
  return title;
}

/** Every code-hosting link of the body, once per project, with the talks whose blocks hold it. */
function collectProjects(tree: Root, talks: readonly TalkCandidate[], at: (line: number | null) => SourceRef): ProjectLink[] {
  const bySlug = new Map<string, { slug: string; url: string; label: string | null; talks: Set<number>; source: SourceRef }>();
  const talkOf = new Map<RootContent, number>();
  talks.forEach((t, i) => t.blocks.forEach((b) => talkOf.set(b, i)));
  for (const node of tree.children) {
    const talk = talkOf.get(node);
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

