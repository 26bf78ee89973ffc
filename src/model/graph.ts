import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { isoDateTime } from '../extract/when.js';
import { titleKey } from '../extract/titles.js';
import { byCode, byText } from './collation.js';
import { newGraphVersion } from './graph-version.js';
import { nameKey } from './names.js';
import { seriesKey } from './series.js';
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

const FACT_FIELDS: readonly EventFactField[] = ['title', 'date', 'startTime', 'endTime', 'city', 'venue', 'format'];

const shortHash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 10);

/** Builds the graph from every page's records. Pages must come sorted by path. */
export function buildGraph(pages: readonly PageRecord[], loadDiagnostics: readonly Diagnostic[] = []): Graph {
  const diagnostics = [...loadDiagnostics];
  const events = new Map<string, Mutable<Event>>();
  const talks = new Map<string, Mutable<Talk>>();
  const resources = new Map<string, Resource>();
  const projects = new Map<string, Mutable<Project>>();
  const eventBySlug = new Map<string, string>();
  const eventsBySlug = new Map<string, string[]>();
  /** Per page: the talk id of each talk index and the mentions to merge into speakers. */
  const mentions: { eventId: string; talkIds: string[]; page: PageRecord; date: string }[] = [];

  for (const page of pages) {
    const slug = uniqueSlug(page, eventBySlug, diagnostics);
    const eventId = `${page.language ?? '_'}/${slug}`;
    const facts = page.event;
    const talkIds = uniqueIds(talkHashesOf(page).map((hash) => `${eventId}/${hash}`));
    const event: Mutable<Event> = {
      id: eventId,
      slug,
      language: page.language,
      sourcePath: page.sourcePath,
      title: facts.title,
      description: facts.description,
      published: facts.published,
      date: facts.date,
      startsAt: isoDateTime(facts.date, facts.startTime, facts.utcOffset),
      endsAt: isoDateTime(facts.date, facts.endTime, facts.utcOffset),
      utcOffset: facts.utcOffset,
      city: facts.city,
      venue: facts.venue,
      format: facts.format,
      tags: [...facts.tags],
      categories: [...facts.categories],
      cover: facts.cover,
      series: facts.series,
      edition: facts.edition,
      body: page.body,
      talkIds,
      speakerIds: [],
      resourceIds: [],
      projectIds: [],
      source: page.source,
      factSources: FACT_FIELDS.flatMap((field) => {
        const source = facts.sources[field];
        return source ? [{ field, source }] : [];
      }),
    };
    events.set(eventId, event);
    eventBySlug.set(`${page.language ?? ''}\u0000${slug}`, eventId);
    const sameSlug = eventsBySlug.get(slug);
    if (sameSlug) sameSlug.push(eventId);
    else eventsBySlug.set(slug, [eventId]);

    page.talks.forEach((t, i) => {
      const id = talkIds[i] ?? `${eventId}/${i}`;
      talks.set(id, {
        id,
        eventId,
        title: t.title,
        abstract: t.abstract,
        takeaways: t.takeaways,
        startsAt: isoDateTime(facts.date, t.startTime, facts.utcOffset),
        endsAt: isoDateTime(facts.date, t.endTime, facts.utcOffset),
        speakerIds: [],
        resourceIds: [],
        projectIds: [],
        source: t.source,
      });
    });

    for (const r of page.resources) {
      const id = `${eventId}/${shortHash(r.url)}`;
      const talkId = r.talk === null ? null : (talkIds[r.talk] ?? null);
      resources.set(id, { id, url: r.url, title: r.title, kind: r.kind, eventId, talkId, source: r.source });
      event.resourceIds.push(id);
      if (talkId) talks.get(talkId)?.resourceIds.push(id);
    }

    for (const p of page.projects) {
      let project = projects.get(p.slug);
      if (!project) {
        project = { id: p.slug, slug: p.slug, name: p.label ?? p.slug, url: p.url, talkIds: [], eventIds: [], sources: [] };
        projects.set(p.slug, project);
      }
      project.sources.push(p.source);
      pushOnce(project.eventIds, eventId);
      pushOnce(event.projectIds, project.id);
      for (const i of p.talks) {
        const talkId = talkIds[i];
        if (!talkId) continue;
        pushOnce(project.talkIds, talkId);
        pushOnce(talks.get(talkId)?.projectIds ?? [], project.id);
      }
    }
    mentions.push({ eventId, talkIds, page, date: facts.date ?? facts.published ?? '' });
  }

  unifySeriesSpelling(events.values());
  const eventOrder = [...events.values()].sort(newestFirst).map((e) => e.id);
  const talkOrder = eventOrder.flatMap((id) => events.get(id)?.talkIds ?? []);
  // Cross-event lists read newest first, like the event list itself.
  const eventRank = new Map(eventOrder.map((id, i) => [id, i]));
  const talkRank = new Map(talkOrder.map((id, i) => [id, i]));
  const byRank = (rank: Map<string, number>) => (a: string, b: string) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  const speakers = mergeSpeakers(mentions, talks, events, { talks: byRank(talkRank), events: byRank(eventRank) });
  for (const p of projects.values()) {
    p.talkIds.sort(byRank(talkRank));
    p.eventIds.sort(byRank(eventRank));
  }
  const speakerOrder = [...speakers.values()].sort((a, b) => byText(a.name, b.name) || byCode(a.id, b.id)).map((s) => s.id);
  const projectOrder = [...projects.keys()].sort();
  const eventsByTag = new Map<string, string[]>();
  for (const id of eventOrder) {
    for (const tag of new Set(events.get(id)?.tags.map(nameKey))) {
      const ids = eventsByTag.get(tag);
      if (ids) ids.push(id);
      else eventsByTag.set(tag, [id]);
    }
  }
  return {
    version: newGraphVersion(),
    events,
    talks,
    speakers,
    resources,
    projects,
    eventOrder,
    talkOrder,
    talkRank,
    speakerOrder,
    projectOrder,
    eventBySlug,
    eventsBySlug,
    eventsByTag,
    diagnostics,
  };

}

/** Pages that spell one series differently ("Dev Meetup", "DevMeetup") get its most common spelling. */
function unifySeriesSpelling(events: Iterable<Mutable<Event>>): void {
  const list = [...events];
  const spellings = new Map<string, Map<string, number>>();
  for (const e of list) {
    if (!e.series) continue;
    const forms = spellings.get(seriesKey(e.series)) ?? new Map<string, number>();
    forms.set(e.series, (forms.get(e.series) ?? 0) + 1);
    spellings.set(seriesKey(e.series), forms);
  }
  for (const e of list) {
    if (!e.series) continue;
    const forms = [...(spellings.get(seriesKey(e.series)) ?? [])];
    e.series = forms.sort(([a, x], [b, y]) => y - x || byCode(a, b))[0]?.[0] ?? e.series;
  }
}

/** Newest first: the event's day, else its publication day; then path, so order is total. */
function newestFirst(a: Event, b: Event): number {
  const ka = a.date ?? a.published?.slice(0, 10) ?? '';
  const kb = b.date ?? b.published?.slice(0, 10) ?? '';
  return byCode(kb, ka) || byCode(a.sourcePath, b.sourcePath);
}

const talkHashes = new WeakMap<PageRecord, readonly string[]>();

/** The title hashes of a page's talks; a reload rebuilds the graph from mostly unchanged records. */
function talkHashesOf(page: PageRecord): readonly string[] {
  let hashes = talkHashes.get(page);
  if (!hashes) {
    hashes = page.talks.map((t) => shortHash(titleKey(t.title) || t.title));
    talkHashes.set(page, hashes);
  }
  return hashes;
}

function pushOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Two talks of one page with the same title still get distinct ids (`…-2`). */
function uniqueIds(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}

/** A slug taken in the same language gets `-2`, `-3` … in path order, with a diagnostic. */
function uniqueSlug(page: PageRecord, taken: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): string {
  const key = (slug: string) => `${page.language ?? ''}\u0000${slug}`;
  if (!taken.has(key(page.slug))) return page.slug;
  let n = 2;
  while (taken.has(key(`${page.slug}-${n}`))) n++;
  const slug = `${page.slug}-${n}`;
  const other = taken.get(key(page.slug));
  diagnostics.push(
    diagnostic('DUPLICATE_SLUG', { path: page.sourcePath, line: 1 }, `slug "${page.slug}" is already used by ${other ?? 'another page'}; this page is served as "${slug}"`),
  );
  return slug;
}

interface MentionRef {
  readonly eventId: string;
  readonly talkIds: string[];
  readonly page: PageRecord;
  readonly date: string;
}

/**
 * One Speaker per person across pages: mentions sharing any name or alias (NFKC, case and
 * whitespace folded) are the same person. The name is the one pages most often give as the
 * name; affiliation and bio come from the most recent event that states them.
 */
function mergeSpeakers(
  pages: readonly MentionRef[],
  talks: Map<string, Mutable<Talk>>,
  events: Map<string, Mutable<Event>>,
  order: { talks: (a: string, b: string) => number; events: (a: string, b: string) => number },
): Map<string, Speaker> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const { page } of pages) {
    for (const m of page.speakers) {
      const keys = [m.name, ...m.aliases].map(nameKey);
      for (const k of keys) if (!parent.has(k)) parent.set(k, k);
      for (const k of keys.slice(1)) union(keys[0] ?? k, k);
    }
  }

  type Group = { names: Map<string, { count: number; withAliases: number }>; aliases: Set<string>; mentions: { m: PageRecord['speakers'][number]; date: string }[]; talkIds: string[]; eventIds: string[] };
  const groups = new Map<string, Group>();
  for (const { page, eventId, talkIds, date } of pages) {
    const idsOfMention: string[] = page.speakers.map((m) => find(nameKey(m.name)));
    page.speakers.forEach((m, i) => {
      const root = idsOfMention[i] ?? nameKey(m.name);
      let g = groups.get(root);
      if (!g) {
        g = { names: new Map(), aliases: new Set(), mentions: [], talkIds: [], eventIds: [] };
        groups.set(root, g);
      }
      const n = g.names.get(m.name) ?? { count: 0, withAliases: 0 };
      n.count++;
      if (m.aliases.length) n.withAliases++;
      g.names.set(m.name, n);
      for (const a of m.aliases) g.aliases.add(a);
      g.mentions.push({ m, date });
      pushOnce(g.eventIds, eventId);
    });
    page.talks.forEach((t, ti) => {
      const talkId = talkIds[ti];
      if (!talkId) return;
      for (const si of t.speakers) {
        const root = idsOfMention[si];
        const g = root === undefined ? undefined : groups.get(root);
        if (g) pushOnce(g.talkIds, talkId);
      }
    });
  }

  const speakers = new Map<string, Speaker>();
  const idOfRoot = new Map<string, string>();
  for (const [root, g] of groups) {
    const name = [...g.names.entries()].sort(
      ([na, a], [nb, b]) => b.withAliases - a.withAliases || b.count - a.count || byCode(na, nb),
    )[0]?.[0] ?? root;
    const id = nameKey(name);
    idOfRoot.set(root, id);
    const allNames = new Set([...g.names.keys(), ...g.aliases]);
    allNames.delete(name);
    const recent = [...g.mentions].sort((a, b) => byCode(b.date, a.date));
    speakers.set(id, {
      id,
      name,
      aliases: [...allNames].sort(byText),
      affiliation: recent.find((r) => r.m.affiliation)?.m.affiliation ?? null,
      bio: recent.find((r) => r.m.bio)?.m.bio ?? null,
      talkIds: g.talkIds.sort(order.talks),
      eventIds: g.eventIds.sort(order.events),
      sources: g.mentions.map((r) => r.m.source),
    });
  }
  for (const { page, eventId, talkIds } of pages) {
    const event = events.get(eventId);
    page.talks.forEach((t, ti) => {
      const talk = talks.get(talkIds[ti] ?? '');
      for (const si of t.speakers) {
        const m = page.speakers[si];
        const id = m ? idOfRoot.get(find(nameKey(m.name))) : undefined;
        if (!id) continue;
        if (talk) pushOnce(talk.speakerIds, id);
        if (event) pushOnce(event.speakerIds, id);
      }
    });
  }
  return speakers;
}
