/**
 * Full-text search over the graph's events, talks, speakers and projects: the graph's documents,
 * their slice-by-slice build off the request path, and hits whose excerpts are made only when
 * read. Terms come from our tokenizer (tokenize.ts, CJK bigrams); the index and its ranking are
 * inverted-index.ts (why not MiniSearch or another library: see there).
 */
import { InvertedIndex, InvertedIndexBuilder, type Expansion, type Matches, type TermQuery } from './inverted-index.js';
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
/** Indexes being built in slices, by graph. */
const building = new WeakMap<object, Build>();
/** The graph most recently offered to `prepareSearchIndex`: the one worth building unasked. */
let newest: WeakRef<object> | null = null;

/** Milliseconds of indexing between two turns of the event loop. */
const SLICE_MS = 8;

type IndexedGraph = Pick<Graph, 'events' | 'talks' | 'speakers' | 'projects'>;

interface Build {
  done: Promise<SearchIndex | null>;
  /** Some request waits for this index: it is finished even if a newer graph came meanwhile. */
  awaited: boolean;
}

/**
 * Builds (or returns the already built) search index for a graph at once. Cost is one pass over
 * the records. The service uses `searchIndexFor`, which never holds the event loop for the
 * whole build.
 */
export function buildSearchIndex(graph: IndexedGraph): SearchIndex {
  const cached = built.get(graph);
  if (cached) return cached;
  const docs = [...documentsOf(graph)];
  const builder = new InvertedIndexBuilder(FIELDS.length);
  for (const doc of docs) addDocument(builder, doc);
  return finish(graph, builder.finish(BOOSTS), docs);
}

/**
 * The graph's search index, built in slices between which requests are answered (at 10,000
 * pages a whole build holds the event loop for seconds). Concurrent callers share one build.
 */
export async function searchIndexFor(graph: IndexedGraph): Promise<SearchIndex> {
  const ready = built.get(graph);
  if (ready) return ready;
  const build = building.get(graph) ?? startBuild(graph);
  build.awaited = true;
  // An unawaited build stops only when a newer graph supersedes it; once awaited it finishes.
  return (await build.done) ?? searchIndexFor(graph);
}

/**
 * Starts building the index of a graph that was just loaded or reloaded, so the first search
 * does not pay for it. A build nobody has waited for yet stops when a newer graph is offered:
 * a burst of reloads builds the last graph's index, not one per reload.
 */
export function prepareSearchIndex(graph: IndexedGraph): Promise<SearchIndex | null> {
  newest = new WeakRef(graph);
  const ready = built.get(graph);
  if (ready) return Promise.resolve(ready);
  return (building.get(graph) ?? startBuild(graph)).done;
}

function startBuild(graph: IndexedGraph): Build {
  const build: Build = { awaited: false, done: Promise.resolve(null) };
  const wanted = () => build.awaited || newest?.deref() === graph;
  build.done = (async () => {
    try {
      const docs: Doc[] = [];
      const builder = new InvertedIndexBuilder(FIELDS.length);
      let sliceStart = performance.now();
      for (const doc of documentsOf(graph)) {
        // Slices by time, not by count: a talk with a long abstract costs many short ones, and
        // the request waiting behind a slice (the one reading an edit, say) waits for all of it.
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((turn) => setImmediate(turn));
          if (!wanted()) return null;
          sliceStart = performance.now();
        }
        docs.push(doc);
        addDocument(builder, doc);
      }
      return finish(graph, builder.finish(BOOSTS), docs);
    } finally {
      building.delete(graph);
    }
  })();
  building.set(graph, build);
  return build;
}

/** The documents of a graph, in the order they are numbered. */
function* documentsOf(graph: IndexedGraph): Generator<Doc> {
  const doc = (type: SearchType, id: string, fields: Partial<Record<Field, string | null>>): Doc => {
    const present: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const value = fields[field];
      if (value && value.trim()) present[field] = value;
    }
    return { type, id, fields: present };
  };
  for (const e of graph.events.values()) {
    yield doc('EVENT', e.id, { title: e.title, description: e.description, venue: e.venue, city: e.city, series: e.series });
  }
  for (const t of graph.talks.values()) {
    yield doc('TALK', t.id, { title: t.title, abstract: t.abstract, takeaways: t.takeaways });
  }
  for (const s of graph.speakers.values()) {
    // "、" is not a CJK letter, so two aliases never form a bigram across their boundary.
    yield doc('SPEAKER', s.id, { name: s.name, aliases: s.aliases.join('、'), affiliation: s.affiliation, bio: s.bio });
  }
  for (const p of graph.projects.values()) {
    yield doc('PROJECT', p.id, { slug: p.slug, name: p.name });
  }
}

function addDocument(builder: InvertedIndexBuilder, doc: Doc): void {
  builder.add(
    FIELDS.map((f) => {
      const text = doc.fields[f];
      return text ? indexTerms(text) : null;
    }),
  );
}

const TYPE_CODES: readonly SearchType[] = ['EVENT', 'TALK', 'SPEAKER', 'PROJECT'];

/** Wraps a filled index as the graph's SearchIndex and remembers it. */
function finish(graph: IndexedGraph, index: InvertedIndex, docs: readonly Doc[]): SearchIndex {
  const typeOf = Uint8Array.from(docs, (d) => TYPE_CODES.indexOf(d.type));
  const none: SearchResults = { total: 0, best: () => [] };
  const searchIndex: SearchIndex = {
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
        accept = (doc) => wanted[typeOf[doc] ?? 0] === 1;
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
      return resultsOf(found, index, docs, phrases);
    },
  };
  built.set(graph, searchIndex);
  return searchIndex;
}

function resultsOf(found: Matches, index: InvertedIndex, docs: readonly Doc[], phrases: readonly Phrase[]): SearchResults {
  const matched = found.expansions.flat();
  return {
    total: found.length,
    best(count) {
      const best = found.best(count);
      const hits = new Array<SearchHit>(best.docs.length);
      for (let i = 0; i < best.docs.length; i++) {
        const n = best.docs[i] ?? 0;
        hits[i] = new Hit(docs[n] as Doc, n, best.scores[i] ?? 0, index, matched, phrases);
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
      for (const { term, id } of this.matched) {
        for (const f of this.index.fieldsWith(id, this.n)) {
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
