/**
 * The terms of indexed text and of queries.
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

import { fold } from '../model/keys.js';

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** An upper-case run not followed by lower case (SOFA in SOFARpc), or a capitalised word. */
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export interface Span {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}


/**
 * The index terms of a text with their positions: the segmenter's word-like segments, plus each
 * adjacent pair of CJK characters that is not itself one of those words (else a two-character
 * word would count twice). Positions are in the original text, so snippets can mark them.
 */
export function termSpans(text: string): Span[] {
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

/** The index terms of a document text, without positions. */
export function indexTerms(text: string): string[] {
  return termSpans(text).map((s) => s.term);
}

/** A CJK run of the query and the terms it was looked up by. */
export interface Phrase {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
}

/**
 * The terms a query must match, in query order: the segmenter's words outside CJK text; for a
 * CJK run, its character pairs (the single character when the run has one), so the lookup does
 * not depend on where the segmenter happens to split the query. Duplicates are dropped: AND does
 * not need them and OR would count them twice. The CJK runs are kept to highlight them whole.
 */
export function parseQuery(query: string): { terms: string[]; phrases: Phrase[] } {
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
