import type { FrontMatterTalk } from '../content/front-matter-schema.js';
import type { ParsedPage } from '../content/parse-page.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { PageRecord, TalkRecord } from '../model/records.js';
import { checkValues } from './check-values.js';
import { assignGuests } from './assign-guests.js';
import { eventFacts, withTalkFacts } from './event-facts.js';
import { frontMatterFacts } from './front-matter-facts.js';
import { applyFrontMatterTalks } from './front-matter-talks.js';
import { peopleFromSpeakerLists } from './guest-list.js';
import { splitPeople } from './people.js';
import { findTalks } from './layouts/registry.js';
import { locator } from './locate.js';
import { viewPage } from './page-view.js';
import { collectProjects } from './projects.js';
import { pageResources } from './resources.js';
import { applySessionTopic } from './single-talk.js';
import { SpeakerRoster } from './speaker-roster.js';
import { withHeadingSections } from './talk-blocks.js';
import { defaultVocabulary, type Vocabulary } from './vocabulary.js';

export interface ExtractOptions {
  readonly vocabulary?: Vocabulary;
  /** Offset used when the front-matter date states none. */
  readonly defaultOffset?: string;
  /** IANA zone of events whose page names no city the dataset knows (`--timezone`). */
  readonly timezone?: string | null;
}

/**
 * Turns one parsed page into the records it contributes: the event's facts, the talks every
 * layout finds (layouts/registry.ts) merged into one list, their people, resources and projects.
 * Talks are then completed by the page as a whole: the session topic of a numbered title, the
 * guest list, the links under a talk's heading, and talks the front matter states explicitly.
 * Last, each value is checked against its type (check-values.ts): what fails is doubted, not served.
 */
export function extractPage(page: ParsedPage, options: ExtractOptions = {}): { record: PageRecord; doubts: readonly Diagnostic[] } {
  return checkValues(readRecord(page, options));
}

function readRecord(page: ParsedPage, options: ExtractOptions): PageRecord {
  const at = locator(page.sourcePath, page.bodyLine);
  const view = viewPage(page.tree, page.body, options.vocabulary ?? defaultVocabulary);
  const site = frontMatterFacts(page.frontMatterLeaves);
  const event = eventFacts(page, view, site, { defaultOffset: options.defaultOffset ?? '+00:00', timezone: options.timezone ?? null }, at);

  // Guests: a speakers list, or the summary's own "分享嘉宾：陈晨，示例集团技术专家" lines.
  const labelledGuests = view.labelled.filter((v) => v.role === 'speaker' && v.value).flatMap((v) => splitPeople(v.value, v.line, { vocabulary: view.vocabulary }));
  const listed = peopleFromSpeakerLists(view.nodes, view.vocabulary);
  const guests = listed.length ? listed : labelledGuests;
  let talks = findTalks(view);
  // A page that describes a talk (an abstract of its own) or names who presents, but no talk, is that talk.
  talks = applySessionTopic(event.title, talks, guests, view.labelled.some((v) => v.role === 'abstract') || labelledGuests.length > 0);
  talks = assignGuests(talks, guests);
  talks = withHeadingSections(talks, view.nodes);

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
  const resources = pageResources(talks, talkRecords, view, at);
  for (const link of site.links) resources.add(link.url, null, link.kind, null, { path: page.sourcePath, line: 1 });

  const record: PageRecord = {
    sourcePath: page.sourcePath,
    slug: page.slug,
    language: page.language,
    body: page.body,
    event: withTalkFacts(event, talkRecords, resources.has('LIVESTREAM')),
    talks: talkRecords,
    speakers: roster.mentions(),
    resources: resources.list(talkRecords.length),
    projects: collectProjects(page.tree, talks, at).list(),
    source: { path: page.sourcePath, line: 1 },
  };
  if (page.frontMatter.talks) return applyFrontMatterTalks(record, page.frontMatter.talks);
  return site.talks.length ? applyFrontMatterTalks(record, site.talks.map(listedTalk), false) : record;
}

/** A talk a front-matter list names, as the `talks` field would state it. */
function listedTalk(talk: { readonly title: string; readonly speakers: readonly string[] }): FrontMatterTalk {
  return { title: talk.title, speakers: talk.speakers.map((name) => ({ name, aliases: [], affiliation: undefined, bio: undefined })) };
}
