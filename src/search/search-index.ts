/**
 * Full-text search over the graph's events, talks, speakers and projects.
 *
 * Why MiniSearch: it is a maintained, dependency-free inverted index with BM25 ranking, per-field
 * boosts, prefix and fuzzy look-ups on a radix tree, and AND/OR combination — everything a few
 * hundred pages need, in memory, without a search server. Its default tokenizer splits on
 * spaces and punctuation, which leaves a Chinese sentence as one huge "word", so we supply our own.
 *
 * Why CJK bigrams: checked against real strings, ICU's dictionary segmenter (Intl.Segmenter) knows
 * few technical terms and splits many into single characters (网关 → 网/关, 服务网格 → 服务/网/格, a
 * 花名 like 阿禅 → 阿/禅), and a word can hide inside a longer one (公司 inside 有限公司). Matching
 * single characters with AND would find any page with 网 somewhere and 关 somewhere else. So CJK
 * text, in documents and queries alike, is indexed by every adjacent pair of characters (as
 * Lucene's CJK analyzer does): a query matches when all its pairs occur, which is close to a
 * substring match and needs no dictionary. Segmenting whole Chinese abstracts was also most of the
 * cost of building the index.
 *
 * Why Intl.Segmenter still: Node 20 ships full ICU, whose word boundaries split the rest (Latin
 * words, numbers, product names) without an extra dependency; CamelCase product names are also
 * indexed by their parts (FooRegistry → foo, registry).
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Graph } from '../model/graph.js';
import { escapeHtml } from '../render/escape-html.js';

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

const SNIPPET_LENGTH = 80;
/** Characters shown before the first match, so it reads in context but stays near the start. */
const SNIPPET_LEAD = 24;

interface Doc {
  /** Unique across types: MiniSearch needs one id space. */
  readonly key: string;
  readonly type: SearchType;
  readonly id: string;
  readonly fields: Partial<Record<Field, string>>;
}

/** Han (incl. 々 〇), kana: scripts written without spaces, where bigrams apply. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** An upper-case run not followed by lower case (SOFA in SOFARpc), or a capitalised word. */
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu;
const LETTERS_ONLY = /^\p{Script=Latin}+$/u;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The graph is immutable, so one index per graph object serves every request. */
const built = new WeakMap<object, SearchIndex>();

/**
 * Builds (or returns the already built) search index for a graph. Cost is one pass over the
 * records; afterwards every search goes through MiniSearch's inverted index.
 */
export function buildSearchIndex(graph: Pick<Graph, 'events' | 'talks' | 'speakers' | 'projects'>): SearchIndex {
  const cached = built.get(graph);
  if (cached) return cached;

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
  mini.addAll([...docs.values()]);

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
      return results.flatMap((r) => {
        const doc = docOf(docs, r);
        return doc ? [toHit(doc, r, phrases)] : [];
      });
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

/** Turns a MiniSearch result into a hit, choosing the field to quote and building its snippet. */
function toHit(doc: Doc, result: SearchResult, phrases: readonly Phrase[]): SearchHit {
  // A search may find thousands of records and show twenty: which field to quote, and the
  // excerpt itself, are worked out only for the hits that are read.
  let chosen: { field: Field | null; terms: Map<Field, Set<string>> } | undefined;
  const choose = () => {
    if (!chosen) {
      const terms = new Map<Field, Set<string>>();
      for (const [term, fields] of Object.entries(result.match)) {
        for (const f of fields) {
          const field = f as Field;
          const set = terms.get(field) ?? new Set<string>();
          set.add(term);
          terms.set(field, set);
        }
      }
      chosen = { field: bestField(terms), terms };
    }
    return chosen;
  };
  let made: string | undefined;
  return {
    type: doc.type,
    id: doc.id,
    score: result.score,
    get field() {
      return choose().field ?? 'title';
    },
    get snippet() {
      if (made === undefined) {
        const { field, terms } = choose();
        const text = field ? doc.fields[field] : undefined;
        made = text && field ? snippet(text, terms.get(field) ?? new Set(), phrases) : '';
      }
      return made;
    },
  };
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

interface Span {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

/** Case- and width-folded form of a token: "ＳＯＦＡ" and "Sofa" are the same term. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * The index terms of a text with their positions: the segmenter's word-like segments, plus each
 * adjacent pair of CJK characters that is not itself one of those words (else a two-character
 * word would count twice). Positions are in the original text, so snippets can mark them.
 */
function termSpans(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  // CJK runs are indexed by their character pairs only (a query's CJK text is looked up the same
  // way), so the segmenter runs on the rest of the text: segmenting whole Chinese abstracts was
  // most of the cost of building the index.
  for (const run of text.matchAll(CJK_RUN)) {
    wordSpans(text.slice(last, run.index), last, spans);
    const pairs = bigrams(run[0], run.index);
    if (pairs.length) spans.push(...pairs);
    else spans.push({ term: fold(run[0]), start: run.index, end: run.index + run[0].length });
    last = run.index + run[0].length;
  }
  wordSpans(text.slice(last), last, spans);
  return spans;
}

/** The segmenter's words of a stretch without CJK (Latin words, numbers), with CamelCase parts. */
function wordSpans(part: string, offset: number, spans: Span[]): void {
  if (!/[\p{L}\p{N}]/u.test(part)) return;
  for (const s of segmenter.segment(part)) {
    if (!s.isWordLike) continue;
    const term = fold(s.segment);
    if (!term) continue;
    const start = offset + s.index;
    spans.push({ term, start, end: start + s.segment.length });
    spans.push(...camelParts(s.segment, start, term));
  }
}

/**
 * The parts of a CamelCase product name (FooRegistry → foo, registry; FooBoot → foo, boot),
 * so "registry" finds "FooRegistry". Only for words with a case change; parts shorter than two
 * letters (iPhone's "i") would only add noise.
 */
function camelParts(word: string, offset: number, whole: string): Span[] {
  if (!/\p{Lu}/u.test(word) || !/\p{Ll}/u.test(word)) return [];
  const parts: Span[] = [];
  for (const m of word.matchAll(CAMEL_PART)) {
    const term = fold(m[0]);
    if (term.length >= 2 && term !== whole) parts.push({ term, start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return parts.length > 1 ? parts : [];
}

/** Adjacent character pairs of a CJK run, by code point so rare astral Han stay whole. */
function bigrams(run: string, offset: number): Span[] {
  const chars = Array.from(run);
  // Folding the run once is enough when it keeps its characters one for one (the usual case).
  const folded = Array.from(fold(run));
  const same = folded.length === chars.length;
  const pairs: Span[] = [];
  let at = offset;
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] ?? '';
    const b = chars[i + 1] ?? '';
    const term = same ? `${folded[i] ?? ''}${folded[i + 1] ?? ''}` : fold(a + b);
    pairs.push({ term, start: at, end: at + a.length + b.length });
    at += a.length;
  }
  return pairs;
}

/** MiniSearch tokenizer for documents. */
function indexTerms(text: string): string[] {
  return termSpans(text).map((s) => s.term);
}

/** A CJK run of the query and the terms it was looked up by. */
interface Phrase {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
}

/**
 * The terms a query must match, in query order: the segmenter's words outside CJK text; for a
 * CJK run, its character pairs (the single character when the run has one), so the lookup does
 * not depend on where the segmenter happens to split the query. Duplicates are dropped: AND does
 * not need them and OR would count them twice. The CJK runs are kept to highlight them whole.
 */
function parseQuery(query: string): { terms: string[]; phrases: Phrase[] } {
  const found: { term: string; start: number }[] = [];
  const phrases: Phrase[] = [];
  for (const run of query.matchAll(CJK_RUN)) {
    const pairs = bigrams(run[0], run.index);
    const terms = pairs.length ? pairs : [{ term: fold(run[0]), start: run.index }];
    for (const t of terms) found.push({ term: t.term, start: t.start });
    phrases.push({ text: run[0], terms: new Set(terms.map((t) => t.term)) });
  }
  for (const s of segmenter.segment(query)) {
    if (!s.isWordLike || CJK_CHAR.test(s.segment)) continue;
    const term = fold(s.segment);
    if (term) found.push({ term, start: s.index });
  }
  found.sort((a, b) => a.start - b.start);
  return { terms: [...new Set(found.map((f) => f.term))], phrases };
}

/**
 * About SNIPPET_LENGTH characters of the text around its first match, HTML-escaped, with matches
 * in `<mark>`. A CJK part of the query that occurs whole is marked whole, and its pairs are not
 * marked elsewhere: for "服务发现", 服务 inside 微服务 is no match a reader would expect. Pairs
 * of a part that does not occur whole (AND across fields, the OR fallback) are marked one by one,
 * as are Latin words. Whitespace is collapsed first: abstracts span lines.
 */
function snippet(raw: string, terms: ReadonlySet<string>, phrases: readonly Phrase[]): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const marked = new Uint8Array(text.length);
  let first = -1;
  const mark = (start: number, end: number) => {
    marked.fill(1, start, end);
    if (first === -1 || start < first) first = start;
  };
  const wholeTerms = new Set<string>();
  const partialTerms = new Set<string>();
  for (const phrase of phrases) {
    let at = text.indexOf(phrase.text);
    const occurs = at !== -1;
    for (; at !== -1; at = text.indexOf(phrase.text, at + phrase.text.length)) mark(at, at + phrase.text.length);
    for (const t of phrase.terms) (occurs ? wholeTerms : partialTerms).add(t);
  }
  for (const span of termSpans(text)) {
    if (!terms.has(span.term)) continue;
    if (wholeTerms.has(span.term) && !partialTerms.has(span.term)) continue;
    mark(span.start, span.end);
  }
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_LENGTH) {
    start = Math.min(Math.max(0, first - SNIPPET_LEAD), text.length - SNIPPET_LENGTH);
    end = start + SNIPPET_LENGTH;
    // Never split a surrogate pair: half a character renders as garbage.
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
    if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  }
  let out = start > 0 ? '…' : '';
  let i = start;
  while (i < end) {
    const inMark = marked[i] === 1;
    let j = i;
    while (j < end && (marked[j] === 1) === inMark) j++;
    const piece = escapeHtml(text.slice(i, j));
    out += inMark ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return end < text.length ? `${out}…` : out;
}

/** True for the second half of a UTF-16 surrogate pair. */
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

