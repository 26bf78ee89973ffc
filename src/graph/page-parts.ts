import { hash } from 'node:crypto';
import type { Event, Resource, Talk } from '../model/graph.js';
import { nameKey, titleKey } from '../model/keys.js';
import { isoDateTime } from '../model/local-time.js';
import type { PageRecord } from '../model/records.js';

/**
 * The graph objects one page contributes: its event, talks and resources. They depend on the page
 * alone, plus three things decided across pages (the page's unique slug, the series spelling and
 * which speaker each name belongs to), so a reload rebuilds them only for the pages it touches.
 */
export interface PageParts {
  readonly event: Event;
  readonly talks: readonly Talk[];
  /** In the order the graph's map holds them: a URL linked twice keeps its first place and last value. */
  readonly resources: ReadonlyMap<string, Resource>;
}

/** Settled across pages; the page's own parts follow from these and its record. */
export interface PageContext {
  readonly slug: string;
  /** The series spelling the graph uses for this page's series. */
  readonly series: string | null;
  /** The speaker id of a name key. */
  readonly speakerOf: (key: string) => string | undefined;
}

/** One-shot `hash` (Node 20.12): a fifth of the time of a Hash object per id, at 30,000 talks a build. */
export const shortHash = (text: string) => hash('sha1', text, 'hex').slice(0, 10);

/** `zh/meetup-7`: the id of the event a page with this slug becomes. */
export const eventIdOf = (page: PageRecord, slug: string) => `${page.language ?? '_'}/${slug}`;

/** A graph object being built: its relation id lists still growing. */
type Building<T> = Omit<T, 'speakerIds' | 'resourceIds' | 'projectIds'> & { speakerIds: string[]; resourceIds: string[]; projectIds: string[] };

export function pageParts(page: PageRecord, context: PageContext): PageParts {
  const eventId = eventIdOf(page, context.slug);
  const facts = page.event;
  const talkIds = talkIdsOf(page, eventId);
  // One object literal per kind, every field named: in Node 20 a spread (`{ ...facts, id }`) gives
  // almost every object a hidden class of its own, and Object.assign of some thirty fields a
  // dictionary; resolvers reading thousands of either ran 1.5× slower (same-process A/B). The type
  // keeps the literal complete: a fact added to EventFacts is a compile error here until it is copied.
  const event: Building<Event> = {
    title: facts.title,
    description: facts.description,
    published: facts.published,
    date: facts.date,
    startTime: facts.startTime,
    endTime: facts.endTime,
    utcOffset: facts.utcOffset,
    city: facts.city,
    venue: facts.venue,
    format: facts.format,
    tags: facts.tags,
    categories: facts.categories,
    cover: facts.cover,
    series: context.series,
    edition: facts.edition,
    sources: facts.sources,
    id: eventId,
    slug: context.slug,
    language: page.language,
    sourcePath: page.sourcePath,
    startsAt: isoDateTime(facts.date, facts.startTime, facts.utcOffset),
    endsAt: isoDateTime(facts.date, facts.endTime, facts.utcOffset),
    body: page.body,
    talkIds,
    speakerIds: [],
    resourceIds: [],
    projectIds: [],
    source: page.source,
  };
  const talks: Building<Talk>[] = page.talks.map((talk, i) => ({
    title: talk.title,
    abstract: talk.abstract,
    takeaways: talk.takeaways,
    startTime: talk.startTime,
    endTime: talk.endTime,
    source: talk.source,
    id: talkIds[i] ?? `${eventId}/${i}`,
    eventId,
    startsAt: isoDateTime(facts.date, talk.startTime, facts.utcOffset),
    endsAt: isoDateTime(facts.date, talk.endTime, facts.utcOffset),
    speakerIds: [],
    resourceIds: [],
    projectIds: [],
  }));

  const resources = new Map<string, Resource>();
  const urlHashes = resourceHashesOf(page);
  page.resources.forEach((r, i) => {
    const id = `${eventId}/${urlHashes[i] ?? shortHash(r.url)}`;
    const talkId = r.talk === null ? null : (talkIds[r.talk] ?? null);
    resources.set(id, { url: r.url, title: r.title, kind: r.kind, source: r.source, id, eventId, talkId });
    event.resourceIds.push(id);
    if (r.talk !== null && talkId) talks[r.talk]?.resourceIds.push(id);
  });

  for (const p of page.projects) {
    pushOnce(event.projectIds, p.slug);
    for (const i of p.talks) {
      const talk = talkIds[i] ? talks[i] : undefined;
      if (talk) pushOnce(talk.projectIds, p.slug);
    }
  }

  page.talks.forEach((t, ti) => {
    for (const si of t.speakers) {
      const m = page.speakers[si];
      const id = m ? context.speakerOf(nameKey(m.name)) : undefined;
      if (!id) continue;
      const talk = talks[ti];
      if (talk) pushOnce(talk.speakerIds, id);
      pushOnce(event.speakerIds, id);
    }
  });
  return { event, talks, resources };
}

const talkHashes = new WeakMap<PageRecord, readonly string[]>();
const resourceHashes = new WeakMap<PageRecord, readonly string[]>();

/** The ids of a page's talks: two talks of one page with the same title still differ (`…-2`). */
export function talkIdsOf(page: PageRecord, eventId: string): string[] {
  let hashes = talkHashes.get(page);
  if (!hashes) {
    hashes = page.talks.map((t) => shortHash(titleKey(t.title) || t.title));
    talkHashes.set(page, hashes);
  }
  const seen = new Map<string, number>();
  return hashes.map((hash) => {
    const id = `${eventId}/${hash}`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}

/** Hashing URLs is a visible share of a rebuild; a record's URLs never change. */
function resourceHashesOf(page: PageRecord): readonly string[] {
  let hashes = resourceHashes.get(page);
  if (!hashes) {
    hashes = page.resources.map((r) => shortHash(r.url));
    resourceHashes.set(page, hashes);
  }
  return hashes;
}

export function pushOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
