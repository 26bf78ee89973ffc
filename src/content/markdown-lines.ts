/**
 * What one line of markdown may start, read without parsing: the lists and block quotes its
 * prefix opens or continues, and the marks the inline parser will work on. Every answer is an
 * upper bound or a certainty, never a guess in the cheaper direction.
 */

export interface LinePrefix {
  /** The line holds only spaces and tabs. */
  readonly blank: boolean;
  /** Block-quote and list markers, each of which may open a container. */
  readonly markers: number;
  /** The list markers among them: list items started on this line. */
  readonly items: number;
  /** The block-quote markers among them. */
  readonly quotes: number;
  /** Columns of indentation before the first list marker, which may continue list items above. */
  readonly columns: number;
  /** The line surely ends the paragraph above it: it starts a list item or a heading. */
  readonly interrupts: boolean;
  /** The line is an ATX heading (`## …`): an inline text of its own. */
  readonly heading: boolean;
  /** Columns of indentation right before the content (since the last `>`). */
  readonly indent: number;
  /** Index where the content after the prefix starts. */
  readonly content: number;
}

/**
 * Reads the run of indentation, `>` and list markers that starts a line.
 * @param text The whole markdown text.
 * @param start Index of the line's first character.
 * @param end Index of the line's end.
 * @returns What the prefix may open or continue.
 */
export function readLinePrefix(text: string, start: number, end: number): LinePrefix {
  let i = start;
  let markers = 0;
  let quotes = 0;
  let columns = 0;
  let firstItem = -1;
  let runBeforeItem = 0;
  let interrupts = false;
  // Spaces since the last `>`: four or more make the rest of the line continuation text.
  let run = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      const width = c === TAB ? 4 : 1;
      if (firstItem === -1) columns += width;
      run += width;
      i += 1;
    } else if (c === GREATER) {
      markers += 1;
      quotes += 1;
      run = 0;
      i += 1;
    } else if ((c === DASH || c === PLUS || c === STAR) && isGapOrEnd(text, i + 1, end)) {
      if (firstItem === -1) {
        firstItem = i;
        runBeforeItem = run;
        // Only a bullet with text after it can cut a paragraph short.
        interrupts = run < 4 && hasTextAfter(text, i + 1, end);
      }
      markers += 1;
      run = 0;
      i += 1;
    } else {
      const after = orderedMarkerEnd(text, i, end);
      if (after === -1) break;
      if (firstItem === -1) {
        firstItem = i;
        runBeforeItem = run;
        // Only an ordered list starting at 1 can cut a paragraph short.
        interrupts = run < 4 && after - i === 2 && text.charCodeAt(i) === ONE && hasTextAfter(text, after, end);
      }
      markers += 1;
      run = 0;
      i = after;
    }
  }
  if (i === end && markers === 0) {
    return { blank: true, markers: 0, items: 0, quotes: 0, columns: 0, interrupts: false, heading: false, indent: 0, content: end };
  }
  // `- - -` and `* * *` are one thematic break, not lists inside one another.
  if (firstItem !== -1 && isThematicBreak(text, firstItem, end)) {
    return { blank: false, markers: quotes, items: 0, quotes, columns, interrupts: runBeforeItem < 4, heading: false, indent: runBeforeItem, content: end };
  }
  const heading = run < 4 && isHeading(text, i, end);
  return { blank: false, markers, items: markers - quotes, quotes, columns, interrupts: interrupts || heading, heading, indent: run, content: i };
}

/** What the inline parser will find on a line. */
export interface LineMarks {
  /** Emphasis and link marks: `*`, `_`, `~`, `[`, `]`. */
  readonly marks: number;
  /** Pipes, which split table cells. */
  readonly pipes: number;
  /** Index of the first `[`, or -1. */
  readonly firstBracket: number;
}

/**
 * @returns The marks and pipes between `start` and `end`.
 */
export function countMarks(text: string, start: number, end: number): LineMarks {
  let marks = 0;
  let pipes = 0;
  let firstBracket = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET && firstBracket === -1) firstBracket = i;
    if (c === STAR || c === UNDERSCORE || c === TILDE || c === OPEN_BRACKET || c === CLOSE_BRACKET) marks += 1;
    else if (c === PIPE) pipes += 1;
  }
  return { marks, pipes, firstBracket };
}

/**
 * Where the line starting at `start` ends. The parser also ends lines at a lone `\r`, so a text
 * cannot hide lines from a scan by using one.
 * @returns Index of the line's `\n` or `\r`, or the length of the text.
 */
export function lineEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return text.length;
}

/**
 * @returns Index where the next line starts, after a `\n`, `\r` or `\r\n`.
 */
export function nextLine(text: string, end: number): number {
  return end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
}

/**
 * End of an ordered-list marker (`1.`, `12)`) at `i` followed by a gap or the line's end.
 * @returns Index after the marker, or -1 when there is none.
 */
function orderedMarkerEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j += 1;
  if (j === i || j >= end) return -1;
  const c = text.charCodeAt(j);
  if (c !== DOT && c !== PAREN) return -1;
  return isGapOrEnd(text, j + 1, end) ? j + 1 : -1;
}

/**
 * @returns True when the line from `i` is three or more of one of `-`, `*`, `_` and spaces.
 */
function isThematicBreak(text: string, i: number, end: number): boolean {
  const mark = text.charCodeAt(i);
  let count = 0;
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === mark) count += 1;
    else if (!isSpace(c)) return false;
  }
  return count >= 3;
}

/** @returns True when the line from `i` is `#` to `######` followed by a gap or the end. */
function isHeading(text: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && j - i < 7 && text.charCodeAt(j) === HASH) j += 1;
  return j > i && j - i <= 6 && isGapOrEnd(text, j, end);
}

/** @returns True when anything but spaces follows `i` on the line. */
function hasTextAfter(text: string, i: number, end: number): boolean {
  for (let j = i; j < end; j++) if (!isSpace(text.charCodeAt(j))) return true;
  return false;
}

/** @returns True when position `i` is a space, a tab or the end of the line. */
function isGapOrEnd(text: string, i: number, end: number): boolean {
  return i >= end || isSpace(text.charCodeAt(i));
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const GREATER = 0x3e;
const DASH = 0x2d;
const PLUS = 0x2b;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const DOT = 0x2e;
const PAREN = 0x29;
const PIPE = 0x7c;
const HASH = 0x23;
const ONE = 0x31;
