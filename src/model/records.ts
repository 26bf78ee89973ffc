/**
 * What extraction finds on one page, before pages are joined into a graph.
 * Plain data: no GraphQL, no parsing here.
 */

import type { Diagnostic } from './diagnostics.js';

/** Where a value was read: path relative to the content folder, 1-based line. */
export interface SourceRef {
  readonly path: string;
  readonly line: number | null;
}

export type EventFormat = 'OFFLINE' | 'ONLINE' | 'HYBRID';

export type ResourceKind = 'SLIDES' | 'VIDEO' | 'LIVESTREAM' | 'SIGNUP' | 'RECAP' | 'LINK';

/** A person as one page names them. */
export interface SpeakerMention {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly affiliation: string | null;
  readonly bio: string | null;
  readonly source: SourceRef;
}

export interface TalkRecord {
  readonly title: string;
  readonly abstract: string | null;
  readonly takeaways: string | null;
  /** Local wall-clock times `HH:MM`, combined with the event date by the graph. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** Indexes into `PageRecord.speakers`. */
  readonly speakers: readonly number[];
  readonly source: SourceRef;
}

export interface ResourceRecord {
  readonly url: string;
  readonly title: string | null;
  readonly kind: ResourceKind;
  /** Index into `PageRecord.talks`, null when the resource belongs to the whole event. */
  readonly talk: number | null;
  readonly source: SourceRef;
}

export interface ProjectLink {
  /** `owner/repo` lower case for GitHub, `host/owner/repo` for other code hosts. */
  readonly slug: string;
  readonly url: string;
  /** Text the page gives the link (e.g. "sofa-tracer"), when any. */
  readonly label: string | null;
  /** Indexes into `PageRecord.talks` whose section holds the link. */
  readonly talks: readonly number[];
  readonly source: SourceRef;
}

export interface EventFacts {
  readonly title: string;
  readonly description: string | null;
  /** The front-matter `date` as written (publication), used for ordering when the body states no day. */
  readonly published: string | null;
  /** Local calendar date `YYYY-MM-DD`. */
  readonly date: string | null;
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** UTC offset of the event, `+08:00`. */
  readonly utcOffset: string;
  readonly city: string | null;
  readonly venue: string | null;
  readonly format: EventFormat | null;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly cover: string | null;
  /** Series the event belongs to ("DevMeetup") and its number in it. */
  readonly series: string | null;
  readonly edition: number | null;
  /** Where each fact read from the body was found, by field name (`date`, `venue` …). */
  readonly sources: Readonly<Partial<Record<EventFactField, SourceRef>>>;
}

/** The event facts whose source line is kept, in the order they are listed. */
export const EVENT_FACT_FIELDS = ['title', 'date', 'startTime', 'endTime', 'city', 'venue', 'format'] as const;
export type EventFactField = (typeof EVENT_FACT_FIELDS)[number];

/** Everything one page contributes to the graph. */
export interface PageRecord {
  readonly sourcePath: string;
  readonly slug: string;
  readonly language: string | null;
  /** Markdown body after the front matter. */
  readonly body: string;
  readonly event: EventFacts;
  readonly talks: readonly TalkRecord[];
  readonly speakers: readonly SpeakerMention[];
  readonly resources: readonly ResourceRecord[];
  readonly projects: readonly ProjectLink[];
  readonly source: SourceRef;
}

/** What reading one page gave: its record (null when the page was skipped) and the problems found. */
export interface LoadedPage {
  readonly record: PageRecord | null;
  readonly diagnostics: readonly Diagnostic[];
}
