import type { Diagnostic } from './diagnostics.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import type { EventFactField, EventFormat, PageRecord, ResourceKind, SourceRef } from './records.js';

/**
 * The immutable in-memory graph that GraphQL resolvers read. Every relation is stored as id
 * lists on both ends, so no resolver ever scans. IDs derive from content (language + slug,
 * title, name, URL), never from load order.
 */

export interface Event {
  readonly id: string;
  readonly slug: string;
  readonly language: string | null;
  readonly sourcePath: string;
  readonly title: string;
  readonly description: string | null;
  /** Front-matter date as written: when the page was published. */
  readonly published: string | null;
  readonly date: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  /** The event's UTC offset (`+08:00`), from the front-matter date. */
  readonly utcOffset: string;
  readonly city: string | null;
  readonly venue: string | null;
  readonly format: EventFormat | null;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly cover: string | null;
  /** Series name, one spelling across pages ("DevMeetup"), and the event's number in it. */
  readonly series: string | null;
  readonly edition: number | null;
  readonly body: string;
  readonly talkIds: readonly string[];
  readonly speakerIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly projectIds: readonly string[];
  readonly source: SourceRef;
  /** Where each fact read from the body was found. */
  readonly factSources: readonly { readonly field: EventFactField; readonly source: SourceRef }[];
}

export interface Talk {
  readonly id: string;
  readonly eventId: string;
  readonly title: string;
  readonly abstract: string | null;
  readonly takeaways: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly speakerIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly projectIds: readonly string[];
  readonly source: SourceRef;
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

export interface Resource {
  readonly id: string;
  readonly url: string;
  readonly title: string | null;
  readonly kind: ResourceKind;
  readonly eventId: string;
  readonly talkId: string | null;
  readonly source: SourceRef;
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
  /** `language\u0000slug` → event id; `\u0000slug` lists every language's event of that slug. */
  readonly eventBySlug: ReadonlyMap<string, string>;
  readonly eventsBySlug: ReadonlyMap<string, readonly string[]>;
  /** Folded tag → ids of the events carrying it. */
  readonly eventsByTag: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds the graph from every page's records, in path order. */
export function buildGraph(pages: readonly PageRecord[], loadDiagnostics: readonly Diagnostic[] = []): Graph {
  const graph = new GraphBuilder().apply(new Map(pages.map((page) => [page.sourcePath, { record: page, diagnostics: [] }])));
  return loadDiagnostics.length ? { ...graph, diagnostics: [...loadDiagnostics, ...graph.diagnostics] } : graph;
}
