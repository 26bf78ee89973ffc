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
 * Why a regular expression for the rest: Intl.Segmenter was half the cost of building the index
 * (issue 13), and outside CJK its word boundaries are rules, not a dictionary (UAX #29): letters,
 * digits and connectors (_) form a word, joined across `.` `'` `’` `:` between letters and `.`
 * `,` `;` between digits (e.g, v1.2, 1,000, don't stay whole; foo-bar, a/b split). `words` below
 * follows those rules; tests/tokenize-words.test.ts holds it to ICU's segments on the shared
 * corpus and on generated text, and lists where it deliberately differs. Scripts whose words
 * need a dictionary (Thai, Lao, Khmer, Myanmar …) still go to the segmenter. CamelCase product
 * names are also indexed by their parts (FooRegistry → foo, registry).
 */

import { fold } from '../model/keys.js';

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** An upper-case run not followed by lower case (SOFA in SOFARpc), or a capitalised word. */
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// UAX #29 word classes, as ICU's root rules have them (Word_Break property values in brackets).
/** Format characters that Unicode counts as letters or digits (Syriac and Arabic number signs). */
const FORMAT_LETTER = '\\u070F';
const FORMAT_DIGIT = '\\u0600-\\u0605\\u06DD\\u0890\\u0891\\u08E2\\u{110BD}\\u{110CD}';
/**
 * Letters [ALetter, Hebrew_Letter]: alphabetic characters other than marks (ⓐ and ʼ count), and
 * the few modifier symbols and punctuation marks Unicode files as letters (˂, ՚, ׳, ꜈).
 */
const LETTER = `[[\\p{Alphabetic}--\\p{M}]\\u00B8\\u02C2-\\u02C5\\u02D2-\\u02D7\\u02DE\\u02DF\\u02E5-\\u02EB\\u02ED\\u02EF-\\u02FF\\u055A-\\u055C\\u055E\\u058A\\u05F3\\uA708-\\uA716\\uA720\\uA721\\uA789\\uA78A\\uAB5B${FORMAT_LETTER}]`;
/** Digits [Numeric]: decimal digits and a few number signs. */
const DIGIT = `[\\p{Nd}\\u066B${FORMAT_DIGIT}]`;
/** Connectors [ExtendNumLet]: _ and its kin, and the narrow no-break space. */
const CONNECTOR = '[\\p{Pc}\\u202F]';
/** Marks, skin tones and invisible format characters [Extend, Format, ZWJ]: part of the character before. */
const EXTEND_CHAR = `[[\\p{M}\\p{Cf}\\u{1F3FB}-\\u{1F3FF}]--[\\u200B${FORMAT_LETTER}${FORMAT_DIGIT}]]`;
/** Between two letters only [MidLetter]. */
const MID_LETTER = ':\\u00B7\\u0387\\u055F\\u05F4\\u2027\\uFE13\\uFE55\\uFF1A';
/** Between two digits only [MidNum]. */
const MID_NUM = ',;\\u037E\\u0589\\u060C\\u060D\\u066C\\u07F8\\u2044\\uFE50\\uFE54\\uFF0C\\uFF1B';
/** Between two letters or two digits [MidNumLet, Single_Quote]. */
const MID_BOTH = ".'\\u2018\\u2019\\u2024\\uFE52\\uFF07\\uFF0E";

/** A character's word-break class, as far as these rules need it. */
const enum Kind {
  Other,
  Letter,
  Digit,
  Connector,
  Extend,
  MidLetter,
  MidNum,
  MidBoth,
}
const KIND_TESTS: readonly [Kind, RegExp][] = [
  [Kind.Letter, new RegExp(`^${LETTER}$`, 'v')],
  [Kind.Digit, new RegExp(`^${DIGIT}$`, 'v')],
  [Kind.Connector, new RegExp(`^${CONNECTOR}$`, 'v')],
  [Kind.Extend, new RegExp(`^${EXTEND_CHAR}$`, 'v')],
  [Kind.MidLetter, new RegExp(`^[${MID_LETTER}]$`, 'v')],
  [Kind.MidNum, new RegExp(`^[${MID_NUM}]$`, 'v')],
  [Kind.MidBoth, new RegExp(`^[${MID_BOTH}]$`, 'v')],
];
/**
 * Kinds by code point, worked out once per character (ASCII up front): one regular expression
 * over the text with these classes and lookbehinds matched ten times slower than this scan.
 */
const kinds = new Map<number, Kind>();
const ASCII_KINDS = Uint8Array.from({ length: 128 }, (_, c) => testKind(c));

function testKind(cp: number): Kind {
  const ch = String.fromCodePoint(cp);
  return KIND_TESTS.find(([, test]) => test.test(ch))?.[0] ?? Kind.Other;
}

function kindOf(cp: number): Kind {
  if (cp < 128) return ASCII_KINDS[cp] as Kind;
  let kind = kinds.get(cp);
  if (kind === undefined) {
    kind = testKind(cp);
    kinds.set(cp, kind);
  }
  return kind;
}

/**
 * What ICU splits by dictionary: scripts of Line_Break=Complex_Context (Thai, Lao, Khmer, Myanmar
 * …), Hangul, and the ideographic and kana marks outside the CJK scripts (〆, ー, 〱). Text with
 * these still goes to the segmenter.
 */
const NEEDS_DICTIONARY =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=Ahom}\p{Script=Hangul}\p{Ideographic}\u3031-\u3035\u309B\u309C\u30A0\u30FC\uFF70\uFF9E\uFF9F]/u;

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

/** The words of a stretch without CJK (Latin words, numbers), with CamelCase parts. */
function wordSpans(part: string, offset: number, spans: Span[]): void {
  for (const w of words(part)) {
    const term = fold(w.segment);
    if (!term) continue;
    const start = offset + w.index;
    spans.push({ term, start, end: start + w.segment.length });
    if (w.segment.length > 2) spans.push(...camelParts(w.segment, start, term));
  }
}

/**
 * The words of a text without CJK, as ICU's word segmenter finds them (its word-like segments):
 * by the rules in WORD, or by the segmenter where a script needs its dictionary.
 */
export function* words(part: string): Generator<{ segment: string; index: number }> {
  if (NEEDS_DICTIONARY.test(part)) {
    for (const s of segmenter.segment(part)) if (s.isWordLike) yield s;
    return;
  }
  const n = part.length;
  /** The index after the marks and format characters from `at`. */
  const skipExtend = (at: number): number => {
    while (at < n) {
      const cp = part.codePointAt(at) ?? 0;
      if (kindOf(cp) !== Kind.Extend) break;
      at += cp > 0xffff ? 2 : 1;
    }
    return at;
  };
  let i = 0;
  while (i < n) {
    const first = part.codePointAt(i) ?? 0;
    const kind = kindOf(first);
    if (kind !== Kind.Letter && kind !== Kind.Digit && kind !== Kind.Connector) {
      i += first > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    // The kind of the last letter, digit or connector, how many there were, and whether marks followed the last.
    let last = kind;
    let count = 1;
    let afterLast = i + (first > 0xffff ? 2 : 1);
    i = skipExtend(afterLast);
    let marked = i > afterLast;
    while (i < n) {
      const cp = part.codePointAt(i) ?? 0;
      const k = kindOf(cp);
      const size = cp > 0xffff ? 2 : 1;
      if (k === Kind.Letter || k === Kind.Digit || k === Kind.Connector) {
        last = k;
        count++;
        afterLast = i + size;
        i = skipExtend(afterLast);
        marked = i > afterLast;
        continue;
      }
      if (k !== Kind.MidLetter && k !== Kind.MidNum && k !== Kind.MidBoth) break;
      // A middle character joins two letters (MidLetter, MidBoth) or two digits (MidNum, MidBoth).
      const next = skipExtend(i + size);
      const following = next < n ? kindOf(part.codePointAt(next) ?? 0) : Kind.Other;
      const joins =
        (last === Kind.Letter && following === Kind.Letter && k !== Kind.MidNum) ||
        (last === Kind.Digit && following === Kind.Digit && k !== Kind.MidLetter);
      if (!joins) break;
      i = next;
    }
    // ICU's rule statuses make two shapes not word-like: a lone connector ("_" is not a word,
    // "__" is) and a word ending in a connector with a mark after it ("a_" and a soft hyphen).
    if (last === Kind.Connector && (marked || count === 1)) continue;
    yield { segment: part.slice(start, i), index: start };
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
  // The words between CJK runs, split as in documents.
  let last = 0;
  const between = (end: number) => {
    for (const w of words(query.slice(last, end))) {
      const term = fold(w.segment);
      if (term) found.push({ term, start: last + w.index });
    }
  };
  for (const run of query.matchAll(CJK_RUN)) {
    between(run.index);
    last = run.index + run[0].length;
  }
  between(query.length);
  found.sort((a, b) => a.start - b.start);
  return { terms: [...new Set(found.map((f) => f.term))], phrases };
}
