import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import { byCode, byText } from '../model/collation.js';
import type { Event, Graph, Project, Resource, Speaker, Talk } from '../model/graph.js';
import { nameKey, seriesKey } from '../model/keys.js';
import { dayOf } from '../model/local-time.js';
import { eventIdOf, pageParts, talkIdsOf, type PageParts } from './page-parts.js';
import { mergeProjects } from './project-groups.js';
import type { LoadedPage, PageRecord } from '../model/records.js';
import { byPlace, resorted } from './sorted.js';
import { VersionedMap } from './versioned-map.js';
import { newGraphVersion } from './graph-version.js';
import { mentionKeys, mergeSpeakers, type FirstMentioned, type MentionPage } from './speaker-groups.js';

interface PageEntry {
  readonly record: PageRecord | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Set for pages with a record: the unique slug, the ids it gives and the objects built. */
  slug: string | null;
  eventId: string | null;
  talkIds: readonly string[];
  parts: PageParts | null;
}

interface Placed {
  readonly record: PageRecord;
  readonly eventId: string;
  readonly talkIds: readonly string[];
  readonly parts: PageParts | null;
}

/** A page as it entered the graph before this update and as it enters it now. */
interface Shift {
  readonly path: string;
  readonly before: Placed | null;
  readonly after: Placed | null;
}

const EMPTY: Graph = {
  version: newGraphVersion(),
  events: new Map(),
  talks: new Map(),
  speakers: new Map(),
  resources: new Map(),
  projects: new Map(),
  eventOrder: [],
  talkOrder: [],
  talkRank: new Map(),
  speakerOrder: [],
  projectOrder: [],
  eventBySlug: new Map(),
  eventsBySlug: new Map(),
  eventsByTag: new Map(),
  diagnostics: [],
};

/**
 * The graph of a set of pages, kept up to date as pages change. Each `apply` returns a new
 * immutable Graph equal to building the whole graph from scratch, but redoes only what the
 * changed pages reach: their own objects, the people and projects they name (with every page
 * naming those), a series whose usual spelling moved, and slugs when pages come or go. Graphs
 * handed out are never modified, so a request keeps reading the version it started with.
 */
export class GraphBuilder {
  private graph: Graph = EMPTY;
  /** Every page known (loaded or not), in path order: the order of everything in the graph. */
  private paths: string[] = [];
  private readonly pages = new Map<string, PageEntry>();
  private readonly pathOfEvent = new Map<string, string>();
  /** Paths of the pages naming each name key, linking each project, of each series. */
  private readonly pagesOfKey = new Map<string, Set<string>>();
  private readonly pagesOfProject = new Map<string, Set<string>>();
  private readonly pagesOfSeries = new Map<string, Set<string>>();
  /** Per series key: how many pages spell it each way, and the spelling used. */
  private readonly seriesForms = new Map<string, Map<string, number>>();
  private readonly seriesSpelling = new Map<string, string>();
  private readonly speakerOfKey = new Map<string, string>();
  /** Speakers and projects in the order of their first mention (the graph's map order). */
  private speakerPlaces: FirstMentioned<Speaker>[] = [];
  private projectPlaces: FirstMentioned<Project>[] = [];
  /** Event id → position in the event order, for sorting id lists newest first. */
  private eventRank = new Map<string, number>();
  /** Each page's parts (null for a page that did not load), in path order; never modified once made. */
  private inOrder: readonly (PageParts | null)[] | null = null;
  private loadDiagnostics: readonly Diagnostic[] = [];
  private slugDiagnostics: readonly Diagnostic[] = [];

  current(): Graph {
    return this.graph;
  }

  /** Pages added or changed (by path), or removed (null); returns the new graph. */
  apply(changes: ReadonlyMap<string, LoadedPage | null>): Graph {
    const shifts = new Map<string, Shift>();
    let membership = false;
    let pathsMoved = false;
    let diagnosticsMoved = false;
    // A first build adds thousands of paths: sorting once beats inserting each.
    const bulk = changes.size > 64;
    for (const [path, input] of changes) {
      const old = this.pages.get(path);
      if (!old && !input) continue;
      if (old?.diagnostics.length || input?.diagnostics.length) diagnosticsMoved = true;
      if (!old !== !input) {
        pathsMoved = true;
        if (!bulk && !old) this.paths.splice(insertionPoint(this.paths, path), 0, path);
        if (!bulk && !input) this.paths.splice(insertionPoint(this.paths, path), 1);
      }
      const record = input?.record ?? null;
      const same = (old?.record ?? null) === record;
      if (input) {
        // A page that broke keeps its last good record: then only its diagnostics changed.
        const kept = same && old ? old : { slug: old?.slug ?? null, eventId: null, talkIds: [], parts: null };
        this.pages.set(path, { ...kept, record, diagnostics: input.diagnostics });
      } else {
        this.pages.delete(path);
      }
      if (same) continue;
      if (!old?.record !== !record) membership = true;
      const before = old?.record && old.eventId ? { record: old.record, eventId: old.eventId, talkIds: old.talkIds, parts: old.parts } : null;
      shifts.set(path, { path, before, after: null });
    }

    if (bulk && pathsMoved) this.paths = [...this.pages.keys()].sort(byCode);
    // The parts list follows `paths` index for index.
    if (pathsMoved || membership) this.inOrder = null;
    let graphSlugs: Pick<Graph, 'eventBySlug' | 'eventsBySlug'> = { eventBySlug: this.graph.eventBySlug, eventsBySlug: this.graph.eventsBySlug };
    if (membership) {
      graphSlugs = this.assignSlugs(shifts);
    } else {
      for (const shift of shifts.values()) {
        const entry = this.pages.get(shift.path);
        if (entry?.record) entry.slug = entry.slug ?? entry.record.slug;
      }
    }
    for (const shift of shifts.values()) {
      const entry = this.pages.get(shift.path);
      if (entry?.record && entry.slug !== null) {
        entry.eventId = eventIdOf(entry.record, entry.slug);
        entry.talkIds = talkIdsOf(entry.record, entry.eventId);
        shifts.set(shift.path, { ...shift, after: { record: entry.record, eventId: entry.eventId, talkIds: entry.talkIds, parts: null } });
      }
    }
    if (diagnosticsMoved) this.loadDiagnostics = [...this.paths].flatMap((p) => this.pages.get(p)?.diagnostics ?? []);
    const diagnostics = diagnosticsMoved || membership ? [...this.loadDiagnostics, ...this.slugDiagnostics] : this.graph.diagnostics;
    if (shifts.size === 0) {
      this.graph = diagnostics === this.graph.diagnostics ? this.graph : { ...this.graph, version: newGraphVersion(), diagnostics };
      return this.graph;
    }

    // What the shifted pages reach beyond themselves.
    const rebuild = new Set<string>();
    const seeds = { keys: new Set<string>(), projects: new Set<string>(), series: new Set<string>() };
    // All removals before any addition: an event id a page gives up may be taken by another.
    for (const shift of shifts.values()) {
      if (!shift.before) continue;
      this.pathOfEvent.delete(shift.before.eventId);
      this.index(shift.path, shift.before.record, -1, seeds);
    }
    for (const shift of shifts.values()) {
      if (shift.after) {
        this.pathOfEvent.set(shift.after.eventId, shift.path);
        this.index(shift.path, shift.after.record, 1, seeds);
        rebuild.add(shift.path);
      }
    }
    for (const key of seeds.series) {
      const spelling = this.chooseSpelling(key);
      if (spelling === this.seriesSpelling.get(key)) continue;
      if (spelling === undefined) this.seriesSpelling.delete(key);
      else this.seriesSpelling.set(key, spelling);
      for (const path of this.pagesOfSeries.get(key) ?? []) rebuild.add(path);
    }

    const { eventOrder, talkOrder, talkRank } = this.reorder(shifts);
    const order = {
      talks: (a: string, b: string) => (talkRank.get(a) ?? 0) - (talkRank.get(b) ?? 0),
      events: (a: string, b: string) => (this.eventRank.get(a) ?? 0) - (this.eventRank.get(b) ?? 0),
    };
    const speakers = this.remergeSpeakers(seeds.keys, order, rebuild);
    const projects = this.remergeProjects(seeds.projects, order);

    const replaced: PageParts[] = [];
    for (const shift of shifts.values()) if (shift.before?.parts) replaced.push(shift.before.parts);
    const added: [string, PageParts][] = [];
    for (const path of rebuild) {
      const entry = this.pages.get(path);
      if (!entry?.record || entry.slug === null) continue;
      if (entry.parts && !shifts.has(path)) replaced.push(entry.parts);
      const raw = entry.record.event.series;
      entry.parts = pageParts(entry.record, {
        slug: entry.slug,
        series: raw ? (this.seriesSpelling.get(seriesKey(raw)) ?? raw) : raw,
        speakerOf: (key) => this.speakerOfKey.get(key),
      });
      added.push([path, entry.parts]);
    }
    const maps = this.remap(replaced, added);
    const eventsByTag = this.retag(shifts, eventOrder !== this.graph.eventOrder);

    this.graph = {
      version: newGraphVersion(),
      ...maps,
      speakers: speakers.map,
      projects: projects.map,
      eventOrder,
      talkOrder,
      talkRank,
      speakerOrder: speakers.order,
      projectOrder: projects.order,
      ...graphSlugs,
      eventsByTag,
      diagnostics,
    };
    return this.graph;
  }

  /**
   * Events newest first and talks in event order. An edit that keeps a page's day, event id and
   * talk ids (the usual one) moves nothing, and the previous lists serve again.
   */
  private reorder(shifts: ReadonlyMap<string, Shift>): Pick<Graph, 'eventOrder' | 'talkOrder' | 'talkRank'> {
    const still = [...shifts.values()].every(
      ({ before, after }) =>
        before && after && before.eventId === after.eventId && dayOf(before.record.event) === dayOf(after.record.event) && sameList(before.talkIds, after.talkIds),
    );
    if (still) return this.graph;
    const eventOrder = resorted(
      this.graph.eventOrder,
      new Set([...shifts.values()].flatMap((s) => (s.before ? [s.before.eventId] : []))),
      [...shifts.values()].flatMap((s) => (s.after ? [s.after.eventId] : [])),
      this.newestFirst,
    );
    const talkOrder: string[] = [];
    for (const id of eventOrder) for (const t of this.pages.get(this.pathOfEvent.get(id) ?? '')?.talkIds ?? []) talkOrder.push(t);
    this.eventRank = new Map(eventOrder.map((id, i) => [id, i]));
    return { eventOrder, talkOrder, talkRank: new Map(talkOrder.map((id, i) => [id, i])) };
  }

  /** The id maps after `replaced` parts gave way to `added` ones; all in page order. */
  private remap(
    replaced: readonly PageParts[],
    added: readonly (readonly [string, PageParts])[],
  ): Pick<Graph, 'events' | 'talks' | 'resources'> {
    if (!this.inOrder) {
      this.inOrder = this.paths.map((path) => this.pages.get(path)?.parts ?? null);
    } else {
      const next = [...this.inOrder];
      for (const [path, parts] of added) next[insertionPoint(this.paths, path)] = parts;
      this.inOrder = next;
    }
    const inOrder = this.inOrder;
    const events: Changes<Event> = new Map();
    const talks: Changes<Talk> = new Map();
    const resources: Changes<Resource> = new Map();
    for (const parts of replaced) {
      events.set(parts.event.id, undefined);
      for (const t of parts.talks) talks.set(t.id, undefined);
      for (const id of parts.resources.keys()) resources.set(id, undefined);
    }
    for (const [, parts] of added) {
      events.set(parts.event.id, parts.event);
      for (const t of parts.talks) talks.set(t.id, t);
      for (const [id, r] of parts.resources) resources.set(id, r);
    }
    const next = <V>(map: ReadonlyMap<string, V>, changes: Changes<V>, ordered: () => Iterable<readonly [string, V]>) =>
      map instanceof VersionedMap ? (map as VersionedMap<string, V>).with(changes, ordered) : VersionedMap.of(ordered);
    return {
      events: next(this.graph.events, events, function* () {
        for (const parts of inOrder) if (parts) yield [parts.event.id, parts.event] as const;
      }),
      talks: next(this.graph.talks, talks, function* () {
        for (const parts of inOrder) if (parts) for (const t of parts.talks) yield [t.id, t] as const;
      }),
      resources: next(this.graph.resources, resources, function* () {
        for (const parts of inOrder) if (parts) yield* parts.resources;
      }),
    };
  }

  /** Folded tag → ids of the events carrying it, newest first; only the tags of shifted pages change. */
  private retag(shifts: ReadonlyMap<string, Shift>, reordered: boolean): Graph['eventsByTag'] {
    const tagsOf = (record: PageRecord) => new Set(record.event.tags.map(nameKey));
    const gone = new Set<string>();
    const added = new Map<string, string[]>();
    let moved = reordered;
    for (const { before, after } of shifts.values()) {
      const was = before ? tagsOf(before.record) : new Set<string>();
      const now = after ? tagsOf(after.record) : new Set<string>();
      if (before) gone.add(before.eventId);
      for (const tag of now) {
        const ids = added.get(tag);
        if (ids) ids.push(after?.eventId ?? '');
        else added.set(tag, [after?.eventId ?? '']);
      }
      for (const tag of was) if (!added.has(tag)) added.set(tag, []);
      if (was.size !== now.size || [...was].some((t) => !now.has(t)) || before?.eventId !== after?.eventId) moved = true;
    }
    if (!moved) return this.graph.eventsByTag;
    const byRank = (a: string, b: string) => (this.eventRank.get(a) ?? 0) - (this.eventRank.get(b) ?? 0);
    const eventsByTag = new Map(this.graph.eventsByTag);
    for (const [tag, ids] of added) {
      const list = resorted(this.graph.eventsByTag.get(tag) ?? [], gone, ids, byRank);
      if (list.length) eventsByTag.set(tag, list);
      else eventsByTag.delete(tag);
    }
    return eventsByTag;
  }

  private readonly newestFirst = (a: string, b: string): number => {
    const pa = this.pathOfEvent.get(a) ?? '';
    const pb = this.pathOfEvent.get(b) ?? '';
    const ra = this.pages.get(pa)?.record;
    const rb = this.pages.get(pb)?.record;
    return byCode((rb && dayOf(rb.event)) ?? '', (ra && dayOf(ra.event)) ?? '') || byCode(pa, pb);
  };

  /**
   * Slugs in path order: a slug taken in the same language gets `-2`, `-3` …, with a diagnostic.
   * Pages whose event id moves because another page came or went are shifted too.
   */
  private assignSlugs(shifts: Map<string, Shift>): Pick<Graph, 'eventBySlug' | 'eventsBySlug'> {
    const eventBySlug = new Map<string, string>();
    const eventsBySlug = new Map<string, string[]>();
    const diagnostics: Diagnostic[] = [];
    for (const path of this.paths) {
      const entry = this.pages.get(path);
      const page = entry?.record;
      if (!entry || !page) continue;
      const key = (slug: string) => `${page.language ?? ''}\u0000${slug}`;
      let slug = page.slug;
      if (eventBySlug.has(key(slug))) {
        let n = 2;
        while (eventBySlug.has(key(`${page.slug}-${n}`))) n++;
        slug = `${page.slug}-${n}`;
        const other = eventBySlug.get(key(page.slug));
        diagnostics.push(
          diagnostic('DUPLICATE_SLUG', { path, line: 1 }, { slug: page.slug, takenBy: other ?? null, servedAs: slug }),
        );
      }
      const eventId = eventIdOf(page, slug);
      eventBySlug.set(key(slug), eventId);
      const same = eventsBySlug.get(slug);
      if (same) same.push(eventId);
      else eventsBySlug.set(slug, [eventId]);
      if (entry.slug !== slug && !shifts.has(path) && entry.eventId) {
        shifts.set(path, { path, before: { record: page, eventId: entry.eventId, talkIds: entry.talkIds, parts: entry.parts }, after: null });
      }
      entry.slug = slug;
    }
    this.slugDiagnostics = diagnostics;
    return { eventBySlug, eventsBySlug };
  }

  /** Adds (+1) or removes (-1) a page's names, projects and series from the indexes. */
  private index(path: string, record: PageRecord, sign: 1 | -1, seeds: { keys: Set<string>; projects: Set<string>; series: Set<string> }): void {
    for (const m of record.speakers) {
      for (const key of mentionKeys(m)) {
        seeds.keys.add(key);
        indexPath(this.pagesOfKey, key, path, sign);
      }
    }
    for (const p of record.projects) {
      seeds.projects.add(p.slug);
      indexPath(this.pagesOfProject, p.slug, path, sign);
    }
    const series = record.event.series;
    if (series) {
      const key = seriesKey(series);
      seeds.series.add(key);
      indexPath(this.pagesOfSeries, key, path, sign);
      const forms = this.seriesForms.get(key) ?? new Map<string, number>();
      const count = (forms.get(series) ?? 0) + sign;
      if (count > 0) forms.set(series, count);
      else forms.delete(series);
      if (forms.size) this.seriesForms.set(key, forms);
      else this.seriesForms.delete(key);
    }
  }

  /** Pages that spell one series differently ("Dev Meetup", "DevMeetup") get its most common spelling. */
  private chooseSpelling(key: string): string | undefined {
    const forms = [...(this.seriesForms.get(key) ?? [])];
    return forms.sort(([a, x], [b, y]) => y - x || byCode(a, b))[0]?.[0];
  }

  /**
   * Merges again the people named under `seeds` (with everyone linked to them by a shared name
   * or alias). Pages whose names now map to another speaker id are added to `rebuild`.
   */
  private remergeSpeakers(
    seeds: ReadonlySet<string>,
    order: { talks: (a: string, b: string) => number; events: (a: string, b: string) => number },
    rebuild: Set<string>,
  ): { map: ReadonlyMap<string, Speaker>; order: readonly string[] } {
    const reached = new Set<string>();
    const queue = [...seeds].filter((k) => this.pagesOfKey.has(k));
    for (const k of queue) reached.add(k);
    while (queue.length) {
      const key = queue.pop() as string;
      for (const path of this.pagesOfKey.get(key) ?? []) {
        for (const m of this.pages.get(path)?.record?.speakers ?? []) {
          const keys = mentionKeys(m);
          if (!keys.includes(key)) continue;
          for (const k of keys) {
            if (!reached.has(k)) {
              reached.add(k);
              queue.push(k);
            }
          }
        }
      }
    }
    const merged = mergeSpeakers(this.mentionPages(reached, this.pagesOfKey), (k) => reached.has(k), order);

    const gone = new Set<string>();
    for (const key of [...seeds, ...reached]) {
      const before = this.speakerOfKey.get(key);
      if (before !== undefined) gone.add(before);
      const after = merged.idOfKey.get(key);
      if (after === undefined) this.speakerOfKey.delete(key);
      else this.speakerOfKey.set(key, after);
      if (before !== after) for (const path of this.pagesOfKey.get(key) ?? []) rebuild.add(path);
    }
    if (gone.size === 0 && merged.speakers.length === 0) return { map: this.graph.speakers, order: this.graph.speakerOrder };
    this.speakerPlaces = resorted(
      this.speakerPlaces,
      new Set(this.speakerPlaces.filter((s) => gone.has(s.value.id))),
      merged.speakers,
      byPlace,
    );
    const map = new Map(this.speakerPlaces.map((s) => [s.value.id, s.value]));
    const byName = (a: string, b: string) => byText(map.get(a)?.name ?? '', map.get(b)?.name ?? '') || byCode(a, b);
    const speakerOrder = resorted(this.graph.speakerOrder, gone, merged.speakers.map((s) => s.value.id), byName);
    return { map, order: speakerOrder };
  }

  /** Merges again the projects under `slugs`. */
  private remergeProjects(
    slugs: ReadonlySet<string>,
    order: { talks: (a: string, b: string) => number; events: (a: string, b: string) => number },
  ): { map: ReadonlyMap<string, Project>; order: readonly string[] } {
    if (slugs.size === 0) return { map: this.graph.projects, order: this.graph.projectOrder };
    const merged = mergeProjects(this.mentionPages(slugs, this.pagesOfProject), (s) => slugs.has(s), order);
    this.projectPlaces = resorted(
      this.projectPlaces,
      new Set(this.projectPlaces.filter((p) => slugs.has(p.value.id))),
      merged,
      byPlace,
    );
    const map = new Map(this.projectPlaces.map((p) => [p.value.id, p.value]));
    const projectOrder = resorted(
      this.graph.projectOrder,
      new Set([...slugs].filter((s) => this.graph.projects.has(s))),
      merged.map((p) => p.value.id),
      byCode,
    );
    return { map, order: projectOrder };
  }

  /** The pages (in path order) listed under any of `keys` in `index`. */
  private mentionPages(keys: Iterable<string>, index: ReadonlyMap<string, ReadonlySet<string>>): MentionPage[] {
    const paths = new Set<string>();
    for (const key of keys) for (const path of index.get(key) ?? []) paths.add(path);
    return [...paths].sort(byCode).flatMap((path) => {
      const entry = this.pages.get(path);
      return entry?.record && entry.eventId ? [{ record: entry.record, eventId: entry.eventId, talkIds: entry.talkIds }] : [];
    });
  }
}

/** The graph of every page's records, in path order (a one-off build: tests, `npm run extract`). */
export function buildGraph(pages: readonly PageRecord[], loadDiagnostics: readonly Diagnostic[] = []): Graph {
  const graph = new GraphBuilder().apply(new Map(pages.map((page) => [page.sourcePath, { record: page, diagnostics: [] }])));
  return loadDiagnostics.length ? { ...graph, diagnostics: [...loadDiagnostics, ...graph.diagnostics] } : graph;
}

type Changes<V> = Map<string, V | undefined>;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function indexPath(index: Map<string, Set<string>>, key: string, path: string, sign: 1 | -1): void {
  const paths = index.get(key);
  if (sign > 0) {
    if (paths) paths.add(path);
    else index.set(key, new Set([path]));
  } else if (paths) {
    paths.delete(path);
    if (paths.size === 0) index.delete(key);
  }
}

/** Where `path` is or would go in the sorted `paths`. */
function insertionPoint(paths: readonly string[], path: string): number {
  let lo = 0;
  let hi = paths.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((paths[mid] as string) < path) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
