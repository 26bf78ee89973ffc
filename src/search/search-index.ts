/**
 * Full-text search over the graph's events, talks, speakers and projects: the graph's documents,
 * their slice-by-slice build off the request path, and hits whose excerpts are made only when
 * read. Terms come from our tokenizer (tokenize.ts, CJK bigrams); the index and its ranking are
 * inverted-index.ts (why not MiniSearch or another library: see there).
 */
import { createHash, hash } from 'node:crypto';
import { decodeSegment, encodeSegment, InvertedIndex, InvertedIndexBuilder, type Expansion, type Matches, type Segment, type TermQuery } from './inverted-index.js';
import type { Graph } from '../model/graph.js';
import { snippet } from './snippet.js';
import { CJK_CHAR, indexTerms, parseQuery, type Phrase } from './tokenize.js';

export type SearchType = 'EVENT' | 'TALK' | 'SPEAKER' | 'PROJECT';

export interface SearchHit {
  readonly type: SearchType;
  /** The graph's local id of the object (event.id, talk.id, speaker.id, project.id). */
  readonly id: string;
  readonly score: number;
  /** The field the snippet comes from: the best-matching one, a title or name when that matched. */
  readonly field: string;
  /** HTML: escaped text around the first match, matched terms in `<mark>`, "…" where cut. */
  readonly snippet: string;
}

export interface SearchOptions {
  /** Only these kinds of object; absent or empty means all kinds. */
  readonly types?: readonly SearchType[];
}

/** What a query found, ranked only as far as it is read. */
export interface SearchResults {
  /** How many objects matched. */
  readonly total: number;
  /** The best `count` hits (all when fewer), best first: costs the matches plus the hits asked for. */
  best(count: number): SearchHit[];
}

export interface SearchIndex {
  /** Every hit, best first; an empty or blank query gives none. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** The same hits, ranked and made only as far as `best` asks. */
  find(query: string, options?: SearchOptions): SearchResults;
}

/** Every indexed field, in one numbering for all types. */
const FIELDS = [
  'title',
  'name',
  'aliases',
  'slug',
  'description',
  'venue',
  'city',
  'series',
  'abstract',
  'takeaways',
  'affiliation',
  'bio',
] as const;
type Field = (typeof FIELDS)[number];

/** Titles and names say what a thing is, so a hit there outranks one in running text. */
const BOOST: Partial<Record<Field, number>> = { title: 3, name: 3, aliases: 3, slug: 3 };
const BOOSTS = FIELDS.map((f) => BOOST[f] ?? 1);

/** Fields that name the object: the snippet comes from one of these whenever one matched. */
const HEADLINE_FIELDS: ReadonlySet<Field> = new Set<Field>(['title', 'name', 'aliases', 'slug']);

/** Words of Latin letters only, where one typo is likely (kubernets); not product codes or CJK pairs. */
const LETTERS_ONLY = /^\p{Script=Latin}+$/u;
/** Edits tolerated per letter of a query word, and at most (as MiniSearch's fuzzy: 0.2, maxFuzzy: 2). */
const FUZZY = 0.2;
const MAX_EDITS = 2;

interface Doc {
  readonly type: SearchType;
  readonly id: string;
  readonly fields: Partial<Record<Field, string>>;
}

/** The graph is immutable, so one index per graph object serves every request. */
const built = new WeakMap<object, SearchIndex>();
/** Graphs whose index was built (or restored) whole, and that index: what `encodeSearchIndex` writes. */
const whole = new WeakMap<object, Base>();
/** Indexes being built in slices, by graph. */
const building = new WeakMap<object, Build>();
/** The graph most recently offered to `prepareSearchIndex`: the one worth building unasked. */
let newest: WeakRef<object> | null = null;
/** The last index built whole: a reload's index is this one plus a segment of what changed. */
let base: Base | null = null;
/** The last index finished, whole or not: what searches of a graph whose index is not ready read. */
let latest: State | null = null;

/** Milliseconds of indexing between two turns of the event loop. */
const SLICE_MS = 8;
/**
 * Documents a reload may change (added plus deleted) and still be indexed as a segment on top of
 * the last whole index; more (or more than the documents kept) and the whole index is rebuilt.
 */
const MAX_CHANGED = 2048;

type IndexedGraph = Pick<Graph, 'events' | 'talks' | 'speakers' | 'projects'>;
/** A graph's event, talk, speaker or project: immutable, and kept by a reload that leaves it alone. */
type Indexed = object;

interface Build {
  done: Promise<SearchIndex | null>;
  /** Some request waits for this index: it is finished even if a newer graph came meanwhile. */
  awaited: boolean;
}

/** A finished index: its segments, and each document (by number), its type and id. */
interface State {
  readonly index: InvertedIndex;
  readonly docAt: (n: number) => Doc;
  readonly idAt: (n: number) => string;
  readonly typeOf: Uint8Array;
}

/**
 * An index built whole, and the number of each of its graph's objects there. A document is made
 * from its object when a hit is read (a few per search): kept for every object, the documents
 * were 47,000 objects more on the heap at 10,000 pages, and read back from disk, the index needs
 * none of them.
 */
interface Base extends State {
  /** Made at the first reload that looks for objects under new ids. */
  readonly numberOf: () => ReadonlyMap<Indexed, number>;
  /** By number: the graph's objects. */
  readonly objects: readonly Indexed[];
}

/** What a graph changed since the last whole index: that index's objects it no longer has, and its new ones. */
interface Changes {
  readonly deleted: Uint8Array;
  readonly added: readonly { readonly object: Indexed; readonly doc: Doc }[];
}

/**
 * Builds (or returns the already built) search index for a graph at once. Cost is one pass over
 * the records. The service uses `searchIndexFor`, which never holds the event loop for the
 * whole build.
 */
export function buildSearchIndex(graph: IndexedGraph): SearchIndex {
  const cached = built.get(graph);
  if (cached) return cached;
  const entries = [...entriesOf(graph)];
  const builder = new InvertedIndexBuilder(FIELDS.length);
  for (const { doc } of entries) addDocument(builder, doc);
  return finishWhole(graph, builder.finish(), ...numbered(entries));
}

/**
 * The graph's search index, built in slices between which requests are answered (at 10,000
 * pages a whole build holds the event loop for seconds). Concurrent callers share one build.
 * While the index of the graph being served (the newest offered to `prepareSearchIndex`) is
 * built, the last finished index answers, without the hits whose objects this graph lacks.
 */
export async function searchIndexFor(graph: IndexedGraph): Promise<SearchIndex> {
  const ready = built.get(graph);
  if (ready) return ready;
  if (latest && newest?.deref() === graph) {
    if (!building.has(graph)) startBuild(graph);
    return view(latest, graph);
  }
  const build = building.get(graph) ?? startBuild(graph);
  build.awaited = true;
  // An unawaited build stops only when a newer graph supersedes it; once awaited it finishes.
  return (await build.done) ?? searchIndexFor(graph);
}

/**
 * Starts building the index of a graph that was just loaded or reloaded, so the first search
 * does not pay for it. A build nobody has waited for yet stops when a newer graph is offered:
 * a burst of reloads builds the last graph's index, not one per reload. After a reload that
 * changed a few pages, only their documents are indexed (a segment added to the last whole index).
 */
export function prepareSearchIndex(graph: IndexedGraph, options: PrepareOptions = {}): Promise<SearchIndex | null> {
  newest = new WeakRef(graph);
  const ready = built.get(graph);
  if (ready) return Promise.resolve(ready);
  return (building.get(graph) ?? startBuild(graph, options)).done;
}

/** An index kept from an earlier run (`encodeSearchIndex`), offered to `prepareSearchIndex`. */
export interface StoredIndex {
  /** The bytes `encodeSearchIndex` gave, read back. */
  readonly bytes: Uint8Array;
  /**
   * Names the graph's content and the code that made the graph and indexes it (the caller's to
   * work out: the parse cache proves pages unchanged without reading them): bytes written under
   * another key are not used.
   */
  readonly key: string;
}

export interface PrepareOptions {
  /** Used instead of a build when it was written under the same key, for the same documents. */
  readonly stored?: StoredIndex | null;
  /** Told whether `stored` was used and, when not, why (the index is then built). */
  readonly onStored?: (outcome: { readonly used: true } | { readonly used: false; readonly reason: string }) => void;
}

function startBuild(graph: IndexedGraph, options: PrepareOptions = {}): Build {
  const build: Build = { awaited: false, done: Promise.resolve(null) };
  const wanted = () => build.awaited || newest?.deref() === graph;
  build.done = (async () => {
    try {
      if (options.stored) {
        const objects: Indexed[] = [];
        const types: number[] = [];
        for (let t = 0; t < TYPE_CODES.length; t++) {
          for (const object of objectsOf(graph, TYPE_CODES[t] as SearchType).values()) {
            objects.push(object);
            types.push(t);
          }
        }
        const typeOf = Uint8Array.from(types);
        const restored = restore(options.stored, objects, typeOf);
        options.onStored?.(typeof restored === 'string' ? { used: false, reason: restored } : { used: true });
        if (typeof restored !== 'string') return finishWhole(graph, restored, objects, typeOf);
      }
      const from = base;
      const changes = from ? changesSince(from, graph) : null;
      const entries = changes ? changes.added : entriesOf(graph);
      const kept: { object: Indexed; doc: Doc }[] = [];
      const builder = new InvertedIndexBuilder(FIELDS.length);
      let sliceStart = performance.now();
      for (const entry of entries) {
        // Slices by time, not by count: a talk with a long abstract costs many short ones, and
        // the request waiting behind a slice (the one reading an edit, say) waits for all of it.
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((turn) => setImmediate(turn));
          if (!wanted()) return null;
          sliceStart = performance.now();
        }
        kept.push(entry);
        addDocument(builder, entry.doc);
      }
      return from && changes ? finishChanged(graph, from, changes, builder.finish()) : finishWhole(graph, builder.finish(), ...numbered(kept));
    } finally {
      building.delete(graph);
    }
  })();
  building.set(graph, build);
  return build;
}

/** The graph's objects with their documents, in the order they are numbered. */
function* entriesOf(graph: IndexedGraph): Generator<{ object: Indexed; doc: Doc }> {
  for (const e of graph.events.values()) yield { object: e, doc: eventDoc(e) };
  for (const t of graph.talks.values()) yield { object: t, doc: talkDoc(t) };
  for (const s of graph.speakers.values()) yield { object: s, doc: speakerDoc(s) };
  for (const p of graph.projects.values()) yield { object: p, doc: projectDoc(p) };
}

/**
 * What changed since the last whole index, found by identity: a reload rebuilds only the
 * objects its pages reach, so an object of the base's graph still in this one is unchanged.
 * Each base object is looked up by id (walking the graph's maps in order costs several times
 * more); a type's map is walked only when it has ids the base lacks. Null when so much changed
 * that indexing it all again costs about as much.
 */
function changesSince(from: Base, graph: IndexedGraph): Changes | null {
  const count = from.objects.length;
  const deleted = new Uint8Array(count);
  const added: { object: Indexed; doc: Doc }[] = [];
  /** Per type, the base's ids this graph still has (same object or not). */
  const present = new Uint32Array(TYPE_CODES.length);
  let deletedCount = 0;
  for (let n = 0; n < count; n++) {
    const type = TYPE_CODES[from.typeOf[n] ?? 0] as SearchType;
    const now = objectsOf(graph, type).get(from.idAt(n));
    if (now) {
      const t = from.typeOf[n] ?? 0;
      present[t] = (present[t] ?? 0) + 1;
    }
    if (now === from.objects[n]) continue;
    deleted[n] = 1;
    deletedCount++;
    if (now) added.push({ object: now, doc: documentOf(type, now) });
    if (deletedCount + added.length > MAX_CHANGED) return null;
  }
  for (let t = 0; t < TYPE_CODES.length; t++) {
    const type = TYPE_CODES[t] as SearchType;
    const objects = objectsOf(graph, type);
    if (objects.size === present[t]) continue;
    // Objects under new ids (a page came): neither in the base nor found above.
    const seen = new Set(added.map((a) => a.object));
    for (const object of objects.values()) {
      if (from.numberOf().has(object) || seen.has(object)) continue;
      added.push({ object, doc: documentOf(type, object) });
      if (deletedCount + added.length > MAX_CHANGED) return null;
    }
  }
  return deletedCount + added.length <= Math.min(MAX_CHANGED, count - deletedCount) ? { deleted, added } : null;
}

function objectsOf(graph: IndexedGraph, type: SearchType): ReadonlyMap<string, Indexed> {
  return type === 'EVENT' ? graph.events : type === 'TALK' ? graph.talks : type === 'SPEAKER' ? graph.speakers : graph.projects;
}

/** The document of a graph object of the given type. */
function documentOf(type: SearchType, object: Indexed): Doc {
  if (type === 'EVENT') return eventDoc(object as Of<'events'>);
  if (type === 'TALK') return talkDoc(object as Of<'talks'>);
  if (type === 'SPEAKER') return speakerDoc(object as Of<'speakers'>);
  return projectDoc(object as Of<'projects'>);
}

type Fields = Partial<Record<Field, string | null>>;
const docOf = (type: SearchType, id: string, fields: Fields): Doc => {
  const present: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const value = fields[field];
    if (value && value.trim()) present[field] = value;
  }
  return { type, id, fields: present };
};
type Of<K extends keyof IndexedGraph> = IndexedGraph[K] extends ReadonlyMap<string, infer V> ? V : never;
const eventDoc = (e: Of<'events'>) => docOf('EVENT', e.id, { title: e.title, description: e.description, venue: e.venue, city: e.city, series: e.series });
const talkDoc = (t: Of<'talks'>) => docOf('TALK', t.id, { title: t.title, abstract: t.abstract, takeaways: t.takeaways });
// "、" is not a CJK letter, so two aliases never form a bigram across their boundary.
const speakerDoc = (s: Of<'speakers'>) => docOf('SPEAKER', s.id, { name: s.name, aliases: s.aliases.join('、'), affiliation: s.affiliation, bio: s.bio });
const projectDoc = (p: Of<'projects'>) => docOf('PROJECT', p.id, { slug: p.slug, name: p.name });

function addDocument(builder: InvertedIndexBuilder, doc: Doc): void {
  builder.add(
    FIELDS.map((f) => {
      const text = doc.fields[f];
      return text ? indexTerms(text) : null;
    }),
  );
}

const TYPE_CODES: readonly SearchType[] = ['EVENT', 'TALK', 'SPEAKER', 'PROJECT'];

/** Entries as `finishWhole` takes them: their objects, and the type of each. */
function numbered(entries: readonly { object: Indexed; doc: Doc }[]): [Indexed[], Uint8Array] {
  return [entries.map((e) => e.object), Uint8Array.from(entries, (e) => TYPE_CODES.indexOf(e.doc.type))];
}

/** A whole index of the graph: the base the next reloads' segments go on. */
function finishWhole(graph: IndexedGraph, segment: Segment, objects: readonly Indexed[], typeOf: Uint8Array): SearchIndex {
  let numberOf: Map<Indexed, number> | null = null;
  const made: Base = {
    index: new InvertedIndex([segment], BOOSTS),
    docAt: (n) => documentOf(TYPE_CODES[typeOf[n] ?? 0] as SearchType, objects[n] as Indexed),
    idAt: (n) => (objects[n] as { readonly id: string }).id,
    typeOf,
    numberOf: () => {
      if (!numberOf) {
        numberOf = new Map();
        for (let n = 0; n < objects.length; n++) numberOf.set(objects[n] as Indexed, n);
      }
      return numberOf;
    },
    objects,
  };
  base = made;
  whole.set(graph, made);
  return remember(graph, made);
}

/** The base index with the graph's changes: its deleted documents skipped, a segment of the new ones. */
function finishChanged(graph: IndexedGraph, from: Base, changes: Changes, segment: Segment): SearchIndex {
  const count = from.objects.length;
  const added = changes.added.map((a) => a.doc);
  const typeOf = new Uint8Array(count + added.length);
  typeOf.set(from.typeOf);
  for (let i = 0; i < added.length; i++) typeOf[count + i] = TYPE_CODES.indexOf((added[i] as Doc).type);
  return remember(graph, {
    index: new InvertedIndex([...from.index.segments, segment], BOOSTS, changes.deleted),
    docAt: (n) => (n < count ? from.docAt(n) : (added[n - count] as Doc)),
    idAt: (n) => (n < count ? from.idAt(n) : (added[n - count] as Doc).id),
    typeOf,
  });
}

/**
 * The graph's index as bytes to keep for the next start (`prepareSearchIndex`'s `stored`), or
 * null when the graph's index was not built whole (a reload's is the last whole one plus a
 * segment: the next start builds or restores its own). A header holds the caller's `key` for the
 * graph, the fields, and a hash of every document's type and id in order, which a restore
 * compares with its graph's (documents are found by number: a list that moved must never be
 * read); a checksum of the rest finds a damaged file.
 */
export function encodeSearchIndex(graph: IndexedGraph, key: string): Uint8Array[] | null {
  const made = whole.get(graph);
  const segment = made?.index.segments[0];
  if (!made || !segment || made.index.segments.length !== 1) return null;
  const body = encodeSegment(segment);
  const checksum = createHash('sha1');
  for (const part of body) checksum.update(part);
  const header: StoredHeader = { kind: STORED_KIND, key, fields: FIELDS.join(','), docs: made.objects.length, ids: idsDigest(made), checksum: checksum.digest('hex') };
  const json = Buffer.from(JSON.stringify(header));
  const head = new Uint8Array(8 + json.length + ((8 - (json.length % 8)) % 8));
  new DataView(head.buffer).setUint32(0, json.length, true);
  head.set(json, 8);
  return [head, ...body];
}

/** Names the file's layout: bump it when the header, the segment's bytes or the fields' meaning change. */
const STORED_KIND = 'meetup-search-index/1';

interface StoredHeader {
  readonly kind: string;
  readonly key: string;
  readonly fields: string;
  readonly docs: number;
  readonly ids: string;
  readonly checksum: string;
}

/** The stored index's segment when it was written under the same key for exactly these objects; otherwise why not. */
function restore(stored: StoredIndex, objects: readonly Indexed[], typeOf: Uint8Array): Segment | string {
  try {
    const { bytes } = stored;
    if (bytes.length < 8) return 'the stored index is empty or cut short';
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    const bodyAt = 8 + length + ((8 - (length % 8)) % 8);
    if (bodyAt > bytes.length) return 'the stored index is cut short';
    const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, length).toString('utf8')) as Partial<StoredHeader>;
    if (header.kind !== STORED_KIND || header.fields !== FIELDS.join(',')) return 'the stored index has another layout';
    if (header.key !== stored.key) return 'the stored index was made from other content or by other code';
    if (header.docs !== objects.length || header.ids !== idsDigest({ objects, typeOf })) return 'the stored index lists other documents';
    const body = bytes.subarray(bodyAt);
    if (hash('sha1', body, 'hex') !== header.checksum) return 'the stored index is damaged (checksum)';
    const segment = decodeSegment(body);
    if (segment.docCount !== objects.length || segment.p.fieldCount !== FIELDS.length) return 'the stored index does not fit its documents';
    return segment;
  } catch (error) {
    return `the stored index cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A hash of the documents' types and ids in order (each id preceded by its length). */
function idsDigest({ objects, typeOf }: { readonly objects: readonly Indexed[]; readonly typeOf: Uint8Array }): string {
  const parts = new Array<string>(objects.length);
  for (let n = 0; n < objects.length; n++) {
    const { id } = objects[n] as { readonly id: string };
    parts[n] = `${typeOf[n]}${id.length}:${id}`;
  }
  return hash('sha1', parts.join('\n'), 'hex');
}

function remember(graph: IndexedGraph, state: State): SearchIndex {
  latest = state;
  const searchIndex = view(state, null);
  built.set(graph, searchIndex);
  return searchIndex;
}

/**
 * A finished index as a SearchIndex. Read for a graph other than its own (`graph`), it leaves
 * out the documents whose objects that graph lacks, before counting: totals stay honest.
 */
function view(state: State, graph: IndexedGraph | null): SearchIndex {
  const { index, docAt, idAt, typeOf } = state;
  const present = graph ? (doc: number): boolean => objectsOf(graph, TYPE_CODES[typeOf[doc] ?? 0] as SearchType).has(idAt(doc)) : null;
  const none: SearchResults = { total: 0, best: () => [] };
  return {
    search(query, options) {
      return this.find(query, options).best(Infinity);
    },
    find(query, options = {}) {
      const { terms, phrases } = parseQuery(query);
      if (terms.length === 0) return none;
      let accept: ((doc: number) => boolean) | undefined;
      if (options.types?.length) {
        const wanted = new Uint8Array(TYPE_CODES.length);
        for (const t of options.types) wanted[TYPE_CODES.indexOf(t)] = 1;
        accept = present ? (doc) => wanted[typeOf[doc] ?? 0] === 1 && present(doc) : (doc) => wanted[typeOf[doc] ?? 0] === 1;
      } else if (present) {
        accept = present;
      }
      const queries: TermQuery[] = terms.map((term, i) => ({
        term,
        // Search-as-you-type: the last word may be unfinished. CJK bigrams are whole already.
        prefix: i === terms.length - 1 && !CJK_CHAR.test(term),
        // A typo in "kubernetes" is likely; one edit of a short word or a CJK pair is another word.
        maxEdits: term.length >= 5 && LETTERS_ONLY.test(term) ? Math.min(MAX_EDITS, Math.round(term.length * FUZZY)) : 0,
      }));
      // All terms first; when nothing has them all, pages with some of them still beat no answer.
      let found = index.search(queries, true, accept);
      if (found.length === 0 && terms.length > 1) found = index.search(queries, false, accept);
      return resultsOf(found, index, docAt, phrases);
    },
  };
}

function resultsOf(found: Matches, index: InvertedIndex, docAt: (n: number) => Doc, phrases: readonly Phrase[]): SearchResults {
  const matched = found.expansions.flat();
  return {
    total: found.length,
    best(count) {
      const best = found.best(count);
      const hits = new Array<SearchHit>(best.docs.length);
      for (let i = 0; i < best.docs.length; i++) {
        const n = best.docs[i] ?? 0;
        hits[i] = new Hit(docAt(n), n, best.scores[i] ?? 0, index, matched, phrases);
      }
      return hits;
    },
  };
}

/**
 * A scored document as a hit. A search may find thousands of records and show twenty: which
 * field to quote, and the excerpt itself, are worked out only for the hits that are read, and a
 * hit is one small object (getters on the prototype, no closures per hit).
 */
class Hit implements SearchHit {
  private chosen: { field: Field | null; terms: Map<Field, Set<string>> } | undefined;
  private made: string | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly n: number,
    readonly score: number,
    private readonly index: InvertedIndex,
    /** Every indexed term the query matched (in some document), shared by the search's hits. */
    private readonly matched: readonly Expansion[],
    private readonly phrases: readonly Phrase[],
  ) {}

  get type(): SearchType {
    return this.doc.type;
  }

  get id(): string {
    return this.doc.id;
  }

  get field(): string {
    return this.choose().field ?? 'title';
  }

  get snippet(): string {
    if (this.made === undefined) {
      const { field, terms } = this.choose();
      const text = field ? this.doc.fields[field] : undefined;
      this.made = text && field ? snippet(text, terms.get(field) ?? new Set(), this.phrases) : '';
    }
    return this.made;
  }

  private choose(): { field: Field | null; terms: Map<Field, Set<string>> } {
    if (!this.chosen) {
      const terms = new Map<Field, Set<string>>();
      for (const { term } of this.matched) {
        for (const f of this.index.fieldsWith(term, this.n)) {
          const field = FIELDS[f] as Field;
          const set = terms.get(field) ?? new Set<string>();
          set.add(term);
          terms.set(field, set);
        }
      }
      this.chosen = { field: bestField(terms), terms };
    }
    return this.chosen;
  }

  /** What JSON and test matchers see: the hit's values, not its machinery. */
  toJSON(): SearchHit {
    return { type: this.type, id: this.id, score: this.score, field: this.field, snippet: this.snippet };
  }
}

/**
 * A headline field (title, name, aliases, slug) when one matched, since it says what the hit is;
 * otherwise the field with the most matched terms weighted by boost. Ties go to FIELDS order.
 */
function bestField(termsByField: ReadonlyMap<Field, ReadonlySet<string>>): Field | null {
  let best: Field | null = null;
  let bestRank = -1;
  for (const field of FIELDS) {
    const count = termsByField.get(field)?.size ?? 0;
    if (count === 0) continue;
    const rank = (HEADLINE_FIELDS.has(field) ? 1_000_000 : 0) + count * (BOOST[field] ?? 1);
    if (rank > bestRank) {
      best = field;
      bestRank = rank;
    }
  }
  return best;
}
