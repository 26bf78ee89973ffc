import { byCode } from '../model/collation.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Graph } from '../model/graph.js';
import type { LoadedPage, PageRecord } from '../model/records.js';
import { newGraphVersion } from './graph-version.js';
import { PageOrderedMaps } from './id-maps.js';
import { EventOrdering } from './ordering.js';
import { PageIndex, type Reach } from './page-index.js';
import { eventIdOf, pageParts, talkIdsOf, type PageParts } from './page-parts.js';
import { Projects } from './projects.js';
import { SeriesSpellings } from './series-spelling.js';
import type { Ordering, Shift } from './shift.js';
import { assignSlugs } from './slugs.js';
import type { MentionPage } from './speaker-groups.js';
import { Speakers, type PageLookup } from './speakers.js';

interface PageEntry extends LoadedPage {
  /** Set for pages with a record: the unique slug, the ids it gives and the objects built. */
  slug: string | null;
  eventId: string | null;
  talkIds: readonly string[];
  parts: PageParts | null;
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
 *
 * This class decides what an update reaches; each part of the graph is kept by its own module:
 * slugs.ts, page-index.ts, series-spelling.ts, speakers.ts, projects.ts, ordering.ts, id-maps.ts.
 */
export class GraphBuilder {
  private graph: Graph = EMPTY;
  /** Every page known (loaded or not), in path order: the order of everything in the graph. */
  private paths: string[] = [];
  private readonly pages = new Map<string, PageEntry>();
  private readonly pathOfEvent = new Map<string, string>();
  private readonly index = new PageIndex();
  private readonly series = new SeriesSpellings();
  private readonly speakers = new Speakers();
  private readonly projects = new Projects();
  private readonly maps = new PageOrderedMaps();
  private readonly ordering = new EventOrdering({
    pathOf: (id) => this.pathOfEvent.get(id) ?? '',
    recordOf: (id) => this.pages.get(this.pathOfEvent.get(id) ?? '')?.record ?? null,
    talkIdsOf: (id) => this.pages.get(this.pathOfEvent.get(id) ?? '')?.talkIds ?? [],
  });
  private readonly lookup: PageLookup = {
    recordAt: (path) => this.pages.get(path)?.record ?? null,
    pagesAt: (paths) => this.mentionPages(paths),
  };
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
    if (pathsMoved || membership) this.maps.invalidate();
    const slugs = membership ? this.reassignSlugs(shifts) : this.keepSlugs(shifts);
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

    const rebuild = this.reach(shifts);
    const orders = this.ordering.reorder(this.graph, shifts);
    const order: Ordering = {
      talks: (a, b) => (orders.talkRank.get(a) ?? 0) - (orders.talkRank.get(b) ?? 0),
      events: this.ordering.byRank,
    };
    const previous = this.graph;
    const speakers = this.speakers.remerge(rebuild.reach.keys, this.index, this.lookup, order, rebuild.paths, { map: previous.speakers, order: previous.speakerOrder });
    const projects = this.projects.remerge(rebuild.reach.projects, this.index, this.lookup, order, { map: previous.projects, order: previous.projectOrder });

    const replaced: PageParts[] = [];
    for (const shift of shifts.values()) if (shift.before?.parts) replaced.push(shift.before.parts);
    const added: [string, PageParts][] = [];
    for (const path of rebuild.paths) {
      const entry = this.pages.get(path);
      if (!entry?.record || entry.slug === null) continue;
      if (entry.parts && !shifts.has(path)) replaced.push(entry.parts);
      entry.parts = pageParts(entry.record, {
        slug: entry.slug,
        series: this.series.spellingOf(entry.record.event.series),
        speakerOf: (key) => this.speakers.idOf(key),
      });
      added.push([path, entry.parts]);
    }
    const partsAt = (path: string) => this.pages.get(path)?.parts ?? null;
    const maps = this.maps.update(previous, this.paths, partsAt, (path) => insertionPoint(this.paths, path), replaced, added);

    this.graph = {
      version: newGraphVersion(),
      ...maps,
      speakers: speakers.map,
      projects: projects.map,
      ...orders,
      speakerOrder: speakers.order,
      projectOrder: projects.order,
      ...slugs,
      eventsByTag: this.ordering.retag(previous.eventsByTag, shifts, orders.eventOrder !== previous.eventOrder),
      diagnostics,
    };
    return this.graph;
  }

  /**
   * What the shifted pages reach beyond themselves: the names, projects and series they had or
   * have, and the pages to rebuild (their own, and every page of a series whose spelling moved).
   */
  private reach(shifts: ReadonlyMap<string, Shift>): { reach: Reach; paths: Set<string> } {
    const paths = new Set<string>();
    const reach: Reach = { keys: new Set(), projects: new Set(), series: new Set() };
    // All removals before any addition: an event id a page gives up may be taken by another.
    for (const shift of shifts.values()) {
      if (!shift.before) continue;
      this.pathOfEvent.delete(shift.before.eventId);
      this.count(shift.path, shift.before.record, -1, reach);
    }
    for (const shift of shifts.values()) {
      if (shift.after) {
        this.pathOfEvent.set(shift.after.eventId, shift.path);
        this.count(shift.path, shift.after.record, 1, reach);
        paths.add(shift.path);
      }
    }
    for (const key of reach.series) {
      if (this.series.revote(key)) for (const path of this.index.ofSeries(key)) paths.add(path);
    }
    return { reach, paths };
  }

  /** Counts a page in (+1) or out (-1) of the indexes and the series vote. */
  private count(path: string, record: PageRecord, sign: 1 | -1, reach: Reach): void {
    this.index.update(path, record, sign, reach);
    if (record.event.series) this.series.count(record.event.series, sign);
  }

  /**
   * Pages came or went: slugs are given again in path order. Pages whose event id moves because
   * of it are shifted too.
   */
  private reassignSlugs(shifts: Map<string, Shift>): Pick<Graph, 'eventBySlug' | 'eventsBySlug'> {
    const loaded = this.paths.flatMap((path) => {
      const record = this.pages.get(path)?.record;
      return record ? [[path, record] as const] : [];
    });
    const assigned = assignSlugs(loaded);
    for (const [path, slug] of assigned.slugOf) {
      const entry = this.pages.get(path);
      if (!entry?.record) continue;
      if (entry.slug !== slug && !shifts.has(path) && entry.eventId) {
        shifts.set(path, { path, before: { record: entry.record, eventId: entry.eventId, talkIds: entry.talkIds, parts: entry.parts }, after: null });
      }
      entry.slug = slug;
    }
    this.slugDiagnostics = assigned.diagnostics;
    return { eventBySlug: assigned.eventBySlug, eventsBySlug: assigned.eventsBySlug };
  }

  /** The same pages are there: each keeps its slug. */
  private keepSlugs(shifts: ReadonlyMap<string, Shift>): Pick<Graph, 'eventBySlug' | 'eventsBySlug'> {
    for (const shift of shifts.values()) {
      const entry = this.pages.get(shift.path);
      if (entry?.record) entry.slug = entry.slug ?? entry.record.slug;
    }
    return { eventBySlug: this.graph.eventBySlug, eventsBySlug: this.graph.eventsBySlug };
  }

  /** The loaded pages among `paths`, in path order, as merging reads them. */
  private mentionPages(paths: Iterable<string>): MentionPage[] {
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
