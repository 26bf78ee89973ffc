/**
 * The search index before issue 13 (MiniSearch), kept for bench/search-index.ts to compare with
 * src/search in one run. Not used by the service.
 *
 * Full-text search over the graph's events, talks, speakers and projects.
 *
 * Why MiniSearch: it is a maintained, dependency-free inverted index with BM25 ranking, per-field
 * boosts, prefix and fuzzy look-ups on a radix tree, and AND/OR combination — everything a few
 * hundred pages need, in memory, without a search server. Its default tokenizer splits on
 * spaces and punctuation, which leaves a Chinese sentence as one huge "word", so we supply our
 * own (tokenize.ts).
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Graph } from '../src/model/graph.js';
import { snippet } from '../src/search/snippet.js';
import { CJK_CHAR, indexTerms, parseQuery, type Phrase } from '../src/search/tokenize.js';

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

export interface SearchIndex {
  /** Hits best first; an empty or blank query gives none. */
  search(query: string, options?: SearchOptions): SearchHit[];
}

/** Every indexed field; one list for all types because MiniSearch indexes one set of fields. */
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

/** Fields that name the object: the snippet comes from one of these whenever one matched. */
const HEADLINE_FIELDS: ReadonlySet<Field> = new Set<Field>(['title', 'name', 'aliases', 'slug']);


/** Words of Latin letters only, where one typo is likely (kubernets); not product codes or CJK pairs. */
const LETTERS_ONLY = /^\p{Script=Latin}+$/u;

interface Doc {
  /** Unique across types: MiniSearch needs one id space. */
  readonly key: string;
  readonly type: SearchType;
  readonly id: string;
  readonly fields: Partial<Record<Field, string>>;
}

/** Han (incl. 々 〇), kana: scripts written without spaces, where bigrams apply. */
/** The graph is immutable, so one index per graph object serves every request. */
const built = new WeakMap<object, SearchIndex>();
/** Indexes being built in slices, by graph. */
const building = new WeakMap<object, Build>();
/** The graph most recently offered to `prepareSearchIndex`: the one worth building unasked. */
let newest: WeakRef<object> | null = null;

/** Documents added to the index between two turns of the event loop. */
const SLICE = 250;

type IndexedGraph = Pick<Graph, 'events' | 'talks' | 'speakers' | 'projects'>;

interface Build {
  done: Promise<SearchIndex | null>;
  /** Some request waits for this index: it is finished even if a newer graph came meanwhile. */
  awaited: boolean;
}

/**
 * Builds (or returns the already built) search index for a graph at once. Cost is one pass over
 * the records; afterwards every search goes through MiniSearch's inverted index. The service
 * uses `searchIndexFor`, which never holds the event loop for the whole build.
 */
export function buildSearchIndex(graph: IndexedGraph): SearchIndex {
  const cached = built.get(graph);
  if (cached) return cached;
  const { mini, docs } = emptyIndex(graph);
  mini.addAll([...docs.values()]);
  return finish(graph, mini, docs);
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
      const { mini, docs } = emptyIndex(graph);
      const all = [...docs.values()];
      for (let at = 0; at < all.length; at += SLICE) {
        if (at > 0) {
          await new Promise((turn) => setImmediate(turn));
          if (!wanted()) return null;
        }
        mini.addAll(all.slice(at, at + SLICE));
      }
      return finish(graph, mini, docs);
    } finally {
      building.delete(graph);
    }
  })();
  building.set(graph, build);
  return build;
}

/** The documents of a graph and a MiniSearch index set up for them, with nothing added yet. */
function emptyIndex(graph: IndexedGraph): { mini: MiniSearch<Doc>; docs: Map<string, Doc> } {
  const docs = new Map<string, Doc>();
  const add = (type: SearchType, id: string, fields: Partial<Record<Field, string | null>>) => {
    const present: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const value = fields[field];
      if (value && value.trim()) present[field] = value;
    }
    const key = `${type}:${id}`;
    docs.set(key, { key, type, id, fields: present });
  };
  for (const e of graph.events.values()) {
    add('EVENT', e.id, { title: e.title, description: e.description, venue: e.venue, city: e.city, series: e.series });
  }
  for (const t of graph.talks.values()) {
    add('TALK', t.id, { title: t.title, abstract: t.abstract, takeaways: t.takeaways });
  }
  for (const s of graph.speakers.values()) {
    // "、" is not a CJK letter, so two aliases never form a bigram across their boundary.
    add('SPEAKER', s.id, { name: s.name, aliases: s.aliases.join('、'), affiliation: s.affiliation, bio: s.bio });
  }
  for (const p of graph.projects.values()) {
    add('PROJECT', p.id, { slug: p.slug, name: p.name });
  }

  const mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: [...FIELDS],
    // The texts live in `docs`; MiniSearch keeps only ids, so nothing is stored twice.
    storeFields: [],
    extractField: (doc, field) => (field === 'key' ? doc.key : doc.fields[field as Field]),
    tokenize: indexTerms,
    // The tokenizer already normalises; MiniSearch's default would lower-case a second time.
    processTerm: (term) => term,
    searchOptions: { boost: BOOST, maxFuzzy: 2 },
  });
  return { mini, docs };
}

/** Wraps a filled MiniSearch index as the graph's SearchIndex and remembers it. */
function finish(graph: IndexedGraph, mini: MiniSearch<Doc>, docs: ReadonlyMap<string, Doc>): SearchIndex {
  const index: SearchIndex = {
    search(query, options = {}) {
      const { terms, phrases } = parseQuery(query);
      if (terms.length === 0) return [];
      const types = options.types?.length ? new Set(options.types) : null;
      const run = (combineWith: 'AND' | 'OR') =>
        mini.search(terms.join(' '), {
          combineWith,
          // The terms are already final; splitting on the spaces we joined them with recovers them.
          tokenize: (text) => text.split(' '),
          processTerm: (term) => term,
          // Search-as-you-type: the last word may be unfinished. CJK bigrams are whole already.
          prefix: (term, i, all) => i === all.length - 1 && !CJK_CHAR.test(term),
          // A typo in "kubernetes" is likely; one edit of a short word or a CJK pair is another word.
          fuzzy: (term) => (term.length >= 5 && LETTERS_ONLY.test(term) ? 0.2 : false),
          // Applied by MiniSearch to the matched documents only, not to the whole collection.
          filter: types
            ? (r) => {
                const type = docOf(docs, r)?.type;
                return type !== undefined && types.has(type);
              }
            : undefined,
        });
      // All terms first; when nothing has them all, pages with some of them still beat no answer.
      let results = run('AND');
      if (results.length === 0 && terms.length > 1) results = run('OR');
      const hits: SearchHit[] = [];
      for (const r of results) {
        const doc = docOf(docs, r);
        if (doc) hits.push(new Hit(doc, r, phrases));
      }
      return hits;
    },
  };
  built.set(graph, index);
  return index;
}

/** The record behind a MiniSearch result (its id is typed `any` there; we only ever gave strings). */
function docOf(docs: ReadonlyMap<string, Doc>, result: SearchResult): Doc | undefined {
  const key: unknown = result.id;
  return typeof key === 'string' ? docs.get(key) : undefined;
}

/**
 * A MiniSearch result as a hit. A search may find thousands of records and show twenty: which
 * field to quote, and the excerpt itself, are worked out only for the hits that are read, and a
 * hit is one small object (getters on the prototype, no closures per hit).
 */
class Hit implements SearchHit {
  private chosen: { field: Field | null; terms: Map<Field, Set<string>> } | undefined;
  private made: string | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly result: SearchResult,
    private readonly phrases: readonly Phrase[],
  ) {}

  get type(): SearchType {
    return this.doc.type;
  }

  get id(): string {
    return this.doc.id;
  }

  get score(): number {
    return this.result.score;
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
      for (const [term, fields] of Object.entries(this.result.match)) {
        for (const f of fields) {
          const field = f as Field;
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
