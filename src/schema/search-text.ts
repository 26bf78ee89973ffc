import { graphqlError } from './errors.js';

/** The longest search text read: a search box, not a document. */
export const MAX_SEARCH_CHARS = 200;
/** The longest word read: longer words are no words (the fuzzy match costs length² per word). */
export const MAX_SEARCH_WORD = 50;

/**
 * A search text as given (`search(query:)`, `filter: { text: }`), refused before any matching
 * when it is longer than a search box holds or has a word longer than any word: the fuzzy
 * matcher's cost grows with the square of a word's length.
 */
export function checkedSearchText(argument: string, text: string): string {
  if (text.length > MAX_SEARCH_CHARS) throw graphqlError('BAD_USER_INPUT', { problem: 'search-too-long', argument, length: text.length, max: MAX_SEARCH_CHARS });
  const longest = text.split(/[\s\p{P}]+/u).reduce((max, w) => Math.max(max, [...w].length), 0);
  if (longest > MAX_SEARCH_WORD) throw graphqlError('BAD_USER_INPUT', { problem: 'search-word-too-long', argument, length: longest, max: MAX_SEARCH_WORD });
  return text;
}
