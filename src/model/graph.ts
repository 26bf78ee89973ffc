import type { Diagnostic } from './diagnostics.js';
import type { EventFacts, ResourceRecord, SourceRef, TalkRecord } from './records.js';

/**
 * The immutable in-memory graph that GraphQL resolvers read. Every relation is stored as id
 * lists on both ends, so no resolver ever scans. IDs derive from content (language + slug,
 * title, name, URL), never from load order.
 */

/**
 * One meetup: the facts its page states (`series` in the one spelling the graph uses across
 * pages), plus where the page is and what it relates to.
 */
export interface Event extends EventFacts {
  readonly id: string;
  readonly slug: string;
  readonly language: string | null;
  readonly sourcePath: string;
  /** `date` with `startTime` / `endTime` in the event's own offset. */
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly body: string;
  readonly talkIds: readonly string[];
  readonly speakerIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly projectIds: readonly string[];
  readonly source: SourceRef;
}

/** A talk as its page states it (speakers as ids, not indexes), with its place in the graph. */
export interface Talk extends Omit<TalkRecord, 'speakers'> {
  readonly id: string;
  readonly eventId: string;
  /** The event's date with the talk's `startTime` / `endTime`, in the event's offset. */
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly speakerIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly projectIds: readonly string[];
}

export interface Speaker {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly affiliation: string | null;
  readonly bio: string | null;
  readonly talkIds: readonly string[];
  readonly eventIds: readonly string[];
  /** Every place a page introduces this person. */
  readonly sources: readonly SourceRef[];
}

/** A link of a page, tied to its event and (when the page says so) to one talk. */
export interface Resource extends Omit<ResourceRecord, 'talk'> {
  readonly id: string;
  readonly eventId: string;
  readonly talkId: string | null;
}

export interface Project {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string;
  readonly talkIds: readonly string[];
  readonly eventIds: readonly string[];
  /** The first link to the project on each page that has one. */
  readonly sources: readonly SourceRef[];
}

export interface Graph {
  /** Names this graph among every graph served (see graph-version.ts); clients read it. */
  readonly version: string;
  readonly events: ReadonlyMap<string, Event>;
  readonly talks: ReadonlyMap<string, Talk>;
  readonly speakers: ReadonlyMap<string, Speaker>;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly projects: ReadonlyMap<string, Project>;
  /** Events newest first (by date, then publication, then path). */
  readonly eventOrder: readonly string[];
  /** Talks in event order, then page order; `talkRank` gives each talk's position in it. */
  readonly talkOrder: readonly string[];
  readonly talkRank: ReadonlyMap<string, number>;
  /** Speakers and projects by name / slug. */
  readonly speakerOrder: readonly string[];
  readonly projectOrder: readonly string[];
  /** `slugKey(language, slug)` → event id; `eventsBySlug` lists every language's event of a slug, in path order. */
  readonly eventBySlug: ReadonlyMap<string, string>;
  readonly eventsBySlug: ReadonlyMap<string, readonly string[]>;
  /** Folded tag → ids of the events carrying it. */
  readonly eventsByTag: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}
