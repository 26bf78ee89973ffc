import { escapeHtml } from '../render/escape-html.js';
import { termSpans, type Phrase } from './tokenize.js';

const SNIPPET_LENGTH = 80;
/** Characters shown before the first match, so it reads in context but stays near the start. */
const SNIPPET_LEAD = 24;

/**
 * About SNIPPET_LENGTH characters of the text around its first match, HTML-escaped, with matches
 * in `<mark>`. A CJK part of the query that occurs whole is marked whole, and its pairs are not
 * marked elsewhere: for "服务发现", 服务 inside 微服务 is no match a reader would expect. Pairs
 * of a part that does not occur whole (AND across fields, the OR fallback) are marked one by one,
 * as are Latin words. Whitespace is collapsed first: abstracts span lines.
 */
export function snippet(raw: string, terms: ReadonlySet<string>, phrases: readonly Phrase[]): string {
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
