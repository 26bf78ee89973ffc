/**
 * A compact in-memory inverted index with BM25 field scoring, prefix and fuzzy term look-ups.
 *
 * Why hand-rolled (issue 13): at 10,000 pages every common query matches thousands of documents.
 * MiniSearch scores each through Maps and per-result objects (one-word search p50 20–25 ms,
 * index heap +185 MB, build 9–11 s); FlexSearch 0.8 was faster (p50 7 ms, still above the 5 ms
 * target) but ranks by term position rather than BM25 with field boosts, and matches typos only
 * through spelling-folding encoders, not edit distance; Orama 3 stores every document and scores
 * through objects much as MiniSearch does; SQLite FTS5's trigrams cannot match two-character
 * Chinese words (网关). Here postings are typed arrays (one 32-bit word per document-field and a
 * byte of term frequency), scores accumulate in a reused Float64Array, so scoring every match
 * of a query costs well under a millisecond and the whole ranking stays exact. Semantics follow
 * MiniSearch's, which the tests pinned: BM25 (k 1.2, b 0.7, d 0.5) per field times its boost,
 * prefix matches weighted 0.375·len/(len+0.3·extra), fuzzy 0.45·len/(len+edits), a hit's score
 * times the number of query terms it matched.
 */

/** How a query term is looked up. */
export interface TermQuery {
  readonly term: string;
  /** Also every longer indexed term that starts with it (search-as-you-type). */
  readonly prefix: boolean;
  /** Also indexed terms at most this many edits away (0: none). */
  readonly maxEdits: number;
}

/** An indexed term a query term matched, with the weight of that match. */
export interface Expansion {
  readonly term: string;
  readonly weight: number;
}

/** The documents a query matched, with their scores, ranked only as far as they are read. */
export class Matches {
  private ranked = 0;

  constructor(
    private readonly docs: Uint32Array,
    private readonly scores: Float64Array,
    /** Per query term, the indexed terms it matched. */
    readonly expansions: readonly (readonly Expansion[])[],
  ) {}

  get length(): number {
    return this.docs.length;
  }

  /**
   * The best `count` documents (all when fewer), best first, ties by document number. Costs the
   * number of matches plus count·log(count): the rest is never sorted.
   */
  best(count: number): { docs: Uint32Array; scores: Float64Array } {
    const k = Math.max(0, Math.min(count, this.docs.length));
    if (k > this.ranked) {
      rank(this.docs, this.scores, 0, this.docs.length - 1, k);
      this.ranked = k;
    }
    return { docs: this.docs.subarray(0, k), scores: this.scores.subarray(0, k) };
  }
}

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Bits of a posting that hold the field number; the rest is the document number. */
const FIELD_BITS = 4;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
const MAX_TF = 255;

/**
 * Filled one document at a time (`add`), so the caller can yield between documents; `finish`
 * packs the postings into typed arrays. Documents are numbered in the order they are added.
 */
export class InvertedIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Every posting in the order added (so document order within each term): its term, its key
   * (document << FIELD_BITS | field) and its term frequency, in typed arrays that double as they
   * fill. `finish` groups them by term. An array per term held each posting as two 8-byte
   * elements on the V8 heap, several times what the finished index needs, and at 10,000 pages
   * that garbage set the peak RSS of a start.
   */
  private postingTerms = new Uint32Array(1 << 12);
  private postingKeys = new Uint32Array(1 << 12);
  private postingTfs = new Uint8Array(1 << 12);
  private postingCount = 0;
  /** Per term: how many postings it has. */
  private readonly termCounts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly lengthTotals: Float64Array;
  private readonly fieldCounts: Float64Array;
  private docCount = 0;

  constructor(private readonly fieldCount: number) {
    if (fieldCount > 1 << FIELD_BITS) throw new Error(`at most ${1 << FIELD_BITS} fields`);
    this.lengthTotals = new Float64Array(fieldCount);
    this.fieldCounts = new Float64Array(fieldCount);
  }

  /** Adds the next document: for each field, its terms (null when the field is absent). */
  add(fields: readonly (readonly string[] | null)[]): number {
    const doc = this.docCount++;
    for (let f = 0; f < this.fieldCount; f++) {
      const terms = fields[f];
      if (!terms || terms.length === 0) {
        this.lengths.push(0);
        continue;
      }
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      // Unique terms, as MiniSearch counts a field's length.
      this.lengths.push(counts.size);
      this.lengthTotals[f] = (this.lengthTotals[f] ?? 0) + counts.size;
      this.fieldCounts[f] = (this.fieldCounts[f] ?? 0) + 1;
      const key = (doc << FIELD_BITS) | f;
      for (const [term, tf] of counts) {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.ids.set(term, id);
          this.terms.push(term);
          this.termCounts.push(0);
        }
        this.addPosting(id, key, Math.min(tf, MAX_TF));
      }
    }
    return doc;
  }

  private addPosting(term: number, key: number, tf: number): void {
    if (this.postingCount === this.postingKeys.length) {
      const size = this.postingKeys.length * 2;
      const grow = <T extends Uint32Array | Uint8Array>(old: T, made: T): T => (made.set(old), made);
      this.postingTerms = grow(this.postingTerms, new Uint32Array(size));
      this.postingKeys = grow(this.postingKeys, new Uint32Array(size));
      this.postingTfs = grow(this.postingTfs, new Uint8Array(size));
    }
    const at = this.postingCount++;
    this.postingTerms[at] = term;
    this.postingKeys[at] = key;
    this.postingTfs[at] = tf;
    this.termCounts[term] = (this.termCounts[term] ?? 0) + 1;
  }

  /** The documents added, as one segment of an index (InvertedIndex). */
  finish(): Segment {
    const total = this.postingCount;
    const keys = new Uint32Array(total);
    const tfs = new Uint8Array(total);
    const starts = new Uint32Array(this.terms.length + 1);
    // A counting sort by term: stable, so each term's postings stay in document order.
    for (let id = 0; id < this.terms.length; id++) starts[id + 1] = (starts[id] ?? 0) + (this.termCounts[id] ?? 0);
    const next = starts.slice(0, this.terms.length);
    for (let i = 0; i < total; i++) {
      const term = this.postingTerms[i] ?? 0;
      const at = next[term] ?? 0;
      next[term] = at + 1;
      keys[at] = this.postingKeys[i] ?? 0;
      tfs[at] = this.postingTfs[i] ?? 0;
    }
    return new Segment({
      ids: this.ids,
      terms: this.terms,
      keys,
      tfs,
      starts,
      lengths: Uint16Array.from(this.lengths, (n) => Math.min(n, 0xffff)),
      lengthTotals: this.lengthTotals,
      fieldCounts: this.fieldCounts,
      fieldCount: this.fieldCount,
      docCount: this.docCount,
    });
  }
}

interface Parts {
  readonly ids: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  readonly keys: Uint32Array;
  readonly tfs: Uint8Array;
  readonly starts: Uint32Array;
  /** Unique terms per document and field (document · fieldCount + field). */
  readonly lengths: Uint16Array;
  /** Per field: the sum of its lengths, and how many documents have it. */
  readonly lengthTotals: Float64Array;
  readonly fieldCounts: Float64Array;
  readonly fieldCount: number;
  readonly docCount: number;
}

/**
 * Documents numbered from 0, with their postings: what one build makes, never changed after.
 * An index is one segment or more (InvertedIndex).
 */
export class Segment {
  readonly p: Parts;
  /** Term ids in code-unit order of their terms: a prefix's terms are one range of it. */
  readonly sorted: Uint32Array;
  /** Term ids by term length, for fuzzy look-ups: made at the first one. */
  #lengthLists: Map<number, number[]> | null = null;

  /** `sorted` is given when it was kept (decodeSegment), and worked out otherwise. */
  constructor(parts: Parts, sorted?: Uint32Array) {
    this.p = parts;
    const { terms } = parts;
    if (sorted) {
      this.sorted = sorted;
    } else {
      const order = Array.from(terms.keys());
      order.sort((a, b) => {
        const x = terms[a] ?? '';
        const y = terms[b] ?? '';
        return x < y ? -1 : x > y ? 1 : 0;
      });
      this.sorted = Uint32Array.from(order);
    }
  }

  get docCount(): number {
    return this.p.docCount;
  }

  private get byLength(): Map<number, number[]> {
    if (!this.#lengthLists) {
      const { terms } = this.p;
      this.#lengthLists = new Map();
      for (let id = 0; id < terms.length; id++) {
        const len = terms[id]?.length ?? 0;
        let list = this.#lengthLists.get(len);
        if (!list) this.#lengthLists.set(len, (list = []));
        list.push(id);
      }
    }
    return this.#lengthLists;
  }

  /** Adds the indexed terms a query term stands for, with their weights, to `out`. */
  expand(q: TermQuery, out: Map<string, number>): void {
    const { terms, ids } = this.p;
    if (ids.has(q.term)) out.set(q.term, 1);
    if (q.prefix) {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((terms[this.sorted[mid] ?? 0] ?? '') < q.term) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.sorted.length; i++) {
        const term = terms[this.sorted[i] ?? 0] ?? '';
        if (!term.startsWith(q.term)) break;
        const extra = term.length - q.term.length;
        if (extra === 0) continue;
        out.set(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * extra));
      }
    }
    if (q.maxEdits > 0) {
      for (let len = q.term.length - q.maxEdits; len <= q.term.length + q.maxEdits; len++) {
        for (const id of this.byLength.get(len) ?? []) {
          const term = terms[id] ?? '';
          // The exact term and prefix matches weigh more than a typo: they keep their weight.
          if (term === q.term || (q.prefix && term.startsWith(q.term))) continue;
          const edits = editDistance(q.term, term, q.maxEdits);
          if (edits > 0 && edits <= q.maxEdits) out.set(term, (FUZZY_WEIGHT * term.length) / (term.length + edits));
        }
      }
    }
  }

  /** The fields (by number) of document `doc` that contain `term`. */
  fieldsWith(term: string, doc: number): number[] {
    const id = this.p.ids.get(term);
    if (id === undefined) return [];
    const { keys, starts } = this.p;
    let lo = starts[id] ?? 0;
    let hi = starts[id + 1] ?? 0;
    const first = doc << FIELD_BITS;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? 0) < first) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < (starts[id + 1] ?? 0) && (keys[i] ?? 0) >>> FIELD_BITS === doc; i++) out.push((keys[i] ?? 0) & FIELD_MASK);
    return out;
  }
}

/** Marks the bytes of a segment (encodeSegment); the second word is the layout's version. */
const MAGIC = 0x4d475349;
const LAYOUT = 1;
/** Words of the header: magic, layout, fields, documents, terms, postings, term characters, and one spare. */
const HEADER_WORDS = 8;

/** Whether this machine stores numbers little-end first, as the encoded bytes do. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * A segment as bytes, to be kept on disk and read back by `decodeSegment`: the typed arrays as
 * they are in memory (views, not copies: write them out before the segment is dropped), the terms
 * as UTF-16 with the offset where each ends, and the term order already sorted, so reading it
 * back costs no sort. Every part starts at a multiple of 8 bytes, so it can be viewed in place.
 */
export function encodeSegment(segment: Segment): Uint8Array[] {
  if (!LITTLE_ENDIAN) throw new Error('segments are encoded on little-endian machines only');
  const { p, sorted } = segment;
  const ends = new Uint32Array(p.terms.length);
  let chars = 0;
  for (let id = 0; id < p.terms.length; id++) ends[id] = chars += (p.terms[id] ?? '').length;
  const text = Buffer.from(p.terms.join(''), 'utf16le');
  const header = Uint32Array.of(MAGIC, LAYOUT, p.fieldCount, p.docCount, p.terms.length, p.keys.length, chars, 0);
  const parts: ArrayBufferView[] = [header, p.lengthTotals, p.fieldCounts, p.starts, sorted, ends, p.keys, p.lengths, text, p.tfs];
  const out: Uint8Array[] = [];
  for (const part of parts) {
    out.push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    const pad = (8 - (part.byteLength % 8)) % 8;
    if (pad) out.push(new Uint8Array(pad));
  }
  return out;
}

/**
 * The segment `encodeSegment` wrote. The typed arrays are views of `bytes` (copied once when they
 * do not start at a multiple of 8). Throws when the bytes are not a whole segment, or their parts
 * do not fit together (a posting of a document or field the segment lacks, ranges out of order):
 * a damaged file must be rebuilt, never searched.
 */
export function decodeSegment(bytes: Uint8Array): Segment {
  if (!LITTLE_ENDIAN) throw new Error('segments are read on little-endian machines only');
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const { buffer, byteOffset, byteLength } = bytes;
  let at = 0;
  const take = <T>(make: (offset: number, length: number) => T, count: number, size: number): T => {
    const length = count * size;
    if (at + length > byteLength) throw new Error('the segment is cut short');
    const view = make(byteOffset + at, count);
    at += length + ((8 - (length % 8)) % 8);
    return view;
  };
  const u32 = (count: number) => take((o, n) => new Uint32Array(buffer, o, n), count, 4);
  const f64 = (count: number) => take((o, n) => new Float64Array(buffer, o, n), count, 8);
  const header = u32(HEADER_WORDS);
  const [magic, layout, fieldCount = 0, docCount = 0, termCount = 0, postingCount = 0, chars = 0] = header;
  if (magic !== MAGIC || layout !== LAYOUT) throw new Error('not a segment of this layout');
  if (fieldCount < 1 || fieldCount > 1 << FIELD_BITS || docCount >= 2 ** (32 - FIELD_BITS)) throw new Error('the segment header is damaged');
  const lengthTotals = f64(fieldCount);
  const fieldCounts = f64(fieldCount);
  const starts = u32(termCount + 1);
  const sorted = u32(termCount);
  const ends = u32(termCount);
  const keys = u32(postingCount);
  const lengths = take((o, n) => new Uint16Array(buffer, o, n), docCount * fieldCount, 2);
  const text = take((o, n) => Buffer.from(buffer, o, n * 2), chars, 2).toString('utf16le');
  const tfs = take((o, n) => new Uint8Array(buffer, o, n), postingCount, 1);
  if (at !== byteLength) throw new Error('the segment has bytes after its end');
  if (starts[0] !== 0 || starts[termCount] !== postingCount) throw new Error('the segment\'s postings do not add up');
  const terms = new Array<string>(termCount);
  const ids = new Map<string, number>();
  let from = 0;
  for (let id = 0; id < termCount; id++) {
    const end = ends[id] ?? 0;
    const start = starts[id] ?? 0;
    if (end < from || end > chars || (starts[id + 1] ?? 0) < start || (sorted[id] ?? 0) >= termCount) throw new Error('the segment\'s terms are damaged');
    const term = text.slice(from, end);
    terms[id] = term;
    ids.set(term, id);
    from = end;
  }
  if (ids.size !== termCount) throw new Error('the segment has a term twice');
  const lastDoc = docCount * (1 << FIELD_BITS);
  for (let i = 0; i < postingCount; i++) {
    const key = keys[i] ?? 0;
    if (key >= lastDoc || (key & FIELD_MASK) >= fieldCount) throw new Error('a posting of the segment is out of range');
  }
  return new Segment({ ids, terms, keys, tfs, starts, lengths, lengthTotals, fieldCounts, fieldCount, docCount }, sorted);
}

/**
 * Segments searched as one index, as Lucene does: documents are numbered through the segments in
 * order, and `deleted` ones (replaced or removed since their segment was built) are skipped and
 * left out of every statistic, so scores are those of one index of the live documents. A reload
 * that changes a page adds a small segment of its documents to the previous index's large one
 * instead of rebuilding it.
 */
export class InvertedIndex {
  /** The number of the first document of each segment, and the total after the last. */
  private readonly offsets: Uint32Array;
  private readonly averages: Float64Array;
  private readonly liveCount: number;
  private readonly fieldCount: number;
  private readonly boosts: Float64Array;
  // Scratch space reused by every search (searches are synchronous, so never shared).
  private readonly score: Float64Array;
  private readonly seen: Uint16Array;
  private readonly stamp: Int32Array;

  constructor(
    readonly segments: readonly Segment[],
    boosts: readonly number[],
    /** 1 for each deleted document, by number; null when none is. */
    private readonly deleted: Uint8Array | null = null,
  ) {
    this.fieldCount = segments[0]?.p.fieldCount ?? boosts.length;
    this.boosts = Float64Array.from(boosts);
    this.offsets = new Uint32Array(segments.length + 1);
    const totals = new Float64Array(this.fieldCount);
    const counts = new Float64Array(this.fieldCount);
    let at = 0;
    let live = 0;
    for (let s = 0; s < segments.length; s++) {
      const { p } = segments[s] as Segment;
      this.offsets[s] = at;
      for (let f = 0; f < this.fieldCount; f++) {
        totals[f] = (totals[f] ?? 0) + (p.lengthTotals[f] ?? 0);
        counts[f] = (counts[f] ?? 0) + (p.fieldCounts[f] ?? 0);
      }
      for (let d = 0; d < p.docCount; d++) {
        if (!deleted?.[at + d]) {
          live++;
          continue;
        }
        for (let f = 0; f < this.fieldCount; f++) {
          const length = p.lengths[d * this.fieldCount + f] ?? 0;
          if (length === 0) continue;
          totals[f] = (totals[f] ?? 0) - length;
          counts[f] = (counts[f] ?? 0) - 1;
        }
      }
      at += p.docCount;
    }
    this.offsets[segments.length] = at;
    this.liveCount = live;
    this.averages = new Float64Array(this.fieldCount);
    for (let f = 0; f < this.fieldCount; f++) {
      const n = counts[f] ?? 0;
      this.averages[f] = n > 0 ? (totals[f] ?? 0) / n : 1;
    }
    this.score = new Float64Array(at);
    this.seen = new Uint16Array(at);
    this.stamp = new Int32Array(at).fill(-1);
  }

  /** Documents numbered, deleted ones included. */
  get docCount(): number {
    return this.offsets[this.segments.length] ?? 0;
  }

  /** Whether document `doc` was deleted. */
  isDeleted(doc: number): boolean {
    return this.deleted?.[doc] === 1;
  }

  /** The indexed terms a query term stands for, with their weights. */
  expand(q: TermQuery): Expansion[] {
    const found = new Map<string, number>();
    for (const segment of this.segments) segment.expand(q, found);
    return [...found].map(([term, weight]) => ({ term, weight }));
  }

  /**
   * Documents matching all query terms (`all`) or any of them, scored; `accept` filters
   * document numbers before they are ranked.
   */
  search(queries: readonly TermQuery[], all: boolean, accept?: (doc: number) => boolean): Matches {
    const expansions = queries.map((q) => this.expand(q));
    const { averages, boosts, fieldCount, liveCount, deleted, offsets, segments } = this;
    const { score, seen, stamp } = this;
    const touched: number[] = [];
    const dfs = new Float64Array(fieldCount);
    const idfs = new Float64Array(fieldCount);
    for (let qi = 0; qi < expansions.length; qi++) {
      for (const { term, weight } of expansions[qi] ?? []) {
        dfs.fill(0);
        for (let s = 0; s < segments.length; s++) {
          const { ids, keys, starts } = (segments[s] as Segment).p;
          const id = ids.get(term);
          if (id === undefined) continue;
          const offset = offsets[s] ?? 0;
          for (let i = starts[id] ?? 0, to = starts[id + 1] ?? 0; i < to; i++) {
            const key = keys[i] ?? 0;
            if (deleted && deleted[offset + (key >>> FIELD_BITS)]) continue;
            const f = key & FIELD_MASK;
            dfs[f] = (dfs[f] ?? 0) + 1;
          }
        }
        for (let f = 0; f < fieldCount; f++) {
          const df = dfs[f] ?? 0;
          idfs[f] = weight * (boosts[f] ?? 1) * Math.log(1 + (liveCount - df + 0.5) / (df + 0.5));
        }
        for (let s = 0; s < segments.length; s++) {
          const { ids, keys, tfs, starts, lengths } = (segments[s] as Segment).p;
          const id = ids.get(term);
          if (id === undefined) continue;
          const offset = offsets[s] ?? 0;
          for (let i = starts[id] ?? 0, to = starts[id + 1] ?? 0; i < to; i++) {
            const key = keys[i] ?? 0;
            const local = key >>> FIELD_BITS;
            const doc = offset + local;
            if (deleted && deleted[doc]) continue;
            const f = key & FIELD_MASK;
            const tf = tfs[i] ?? 0;
            const norm = 1 - B + (B * (lengths[local * fieldCount + f] ?? 0)) / (averages[f] ?? 1);
            if (stamp[doc] === -1) touched.push(doc);
            if (stamp[doc] !== qi) {
              stamp[doc] = qi;
              seen[doc] = (seen[doc] ?? 0) + 1;
            }
            score[doc] = (score[doc] ?? 0) + (idfs[f] ?? 0) * (D + (tf * (K + 1)) / (tf + K * norm));
          }
        }
      }
    }
    const need = all ? expansions.length : 1;
    const docs = new Uint32Array(touched.length);
    const scores = new Float64Array(touched.length);
    let found = 0;
    for (const doc of touched) {
      const matched = seen[doc] ?? 0;
      if (matched >= need && (!accept || accept(doc))) {
        docs[found] = doc;
        scores[found] = (score[doc] ?? 0) * matched;
        found++;
      }
      score[doc] = 0;
      seen[doc] = 0;
      stamp[doc] = -1;
    }
    return new Matches(docs.subarray(0, found), scores.subarray(0, found), expansions);
  }

  /** The fields (by number) of document `doc` that contain the indexed term `term`. */
  fieldsWith(term: string, doc: number): number[] {
    let s = this.segments.length - 1;
    while (s > 0 && (this.offsets[s] ?? 0) > doc) s--;
    return this.segments[s]?.fieldsWith(term, doc - (this.offsets[s] ?? 0)) ?? [];
  }
}

/**
 * Sorts documents by score, best first, ties by document number, in place between lo and hi,
 * as far as the first `limit` places: a partial quicksort on the two typed arrays, which leaves
 * alone the parts that fall wholly after the limit. (Array.prototype.sort with a comparator
 * sorts everything and calls back into JavaScript for each comparison: most of a search with
 * thousands of matches.)
 */
function rank(docs: Uint32Array, scores: Float64Array, lo: number, hi: number, limit: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    const pivotScore = scores[mid] ?? 0;
    const pivotDoc = docs[mid] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(docs[i] ?? 0, scores[i] ?? 0, pivotDoc, pivotScore)) i++;
      while (before(pivotDoc, pivotScore, docs[j] ?? 0, scores[j] ?? 0)) j--;
      if (i <= j) {
        swap(docs, scores, i, j);
        i++;
        j--;
      }
    }
    if (i >= limit) {
      // Everything from i on ranks after the places asked for.
      hi = j;
      continue;
    }
    // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
    if (j - lo < hi - i) {
      rank(docs, scores, lo, j, limit);
      lo = i;
    } else {
      rank(docs, scores, i, hi, limit);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    for (let j = i; j > lo && before(docs[j] ?? 0, scores[j] ?? 0, docs[j - 1] ?? 0, scores[j - 1] ?? 0); j--) swap(docs, scores, j, j - 1);
  }
}

function before(docA: number, scoreA: number, docB: number, scoreB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && docA < docB);
}

function swap(docs: Uint32Array, scores: Float64Array, i: number, j: number): void {
  const d = docs[i] ?? 0;
  docs[i] = docs[j] ?? 0;
  docs[j] = d;
  const s = scores[i] ?? 0;
  scores[i] = scores[j] ?? 0;
  scores[j] = s;
}

/**
 * Levenshtein distance of a and b, or max + 1 as soon as it must exceed max. Only the band of
 * cells within `max` of the diagonal is computed, so a long word costs length × (2·max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  let prev = new Array<number>(b.length + 1);
  let row = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    row.fill(over);
    row[0] = i <= max ? i : over;
    let best = row[0] ?? over;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? over) + 1, (row[j - 1] ?? over) + 1, (prev[j - 1] ?? over) + cost, over);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return over;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length] ?? over, over);
}
