/**
 * How much structure a markdown text may have before it is parsed. The markdown parser
 * (micromark with GFM) does work that grows faster than the text: each block it ends (a
 * paragraph, a list item, a block quote) costs a pass over what it has read so far, and inside a
 * paragraph each emphasis or link mark looks back over, or is revisited by, the text around it.
 * A few kilobytes shaped that way take seconds to minutes, so such text is refused after one
 * cheap pass over its lines instead. The limits are far above what people write: pages nest lists
 * a few levels deep, have hundreds of blocks and tens of marks in a paragraph.
 */

import { countMarks, lineEnd, type LineMarks, type LinePrefix, nextLine, readLinePrefix } from './markdown-lines.js';

export const MARKDOWN_LIMITS = {
  /** Lists and block quotes inside one another on one line. */
  nestingDepth: 32,
  /** Lines, table cells and blocks ended, weighted by what each costs the parser (≈ 1 s at the limit). */
  blockWork: 500_000_000,
  /** Over all paragraphs: emphasis and link marks (`* _ ~ [ ]`) times the paragraph's length (≈ 1 s at the limit). */
  inlineWork: 20_000_000,
} as const;

export type MarkdownLimits = { readonly [K in keyof typeof MARKDOWN_LIMITS]: number };

/**
 * Which limit a text crosses, on which line (counted from `firstLine`), and by how much: the
 * details the diagnostic of its code is worded from.
 */
export type MarkdownLimitBreach =
  | { readonly code: 'MARKDOWN_TOO_DEEP'; readonly line: number; readonly depth: number; readonly limit: number }
  | { readonly code: 'MARKDOWN_TOO_COMPLEX'; readonly line: number; readonly work: 'block' | 'inline'; readonly spent: number; readonly limit: number };

// What the parser spends, as measured, in units of ending one paragraph per line read before it:
// ending a list item or list costs about ten of those, a block quote about eighty. Every line and
// every table cell (`|`) also costs a fixed amount, whatever came before.
const PARAGRAPH_END = 1;
const LIST_END = 10;
const QUOTE_END = 80;
const LINE = 15_000;
const CELL = 20_000;
// Text after an open `[` costs about its length squared over this, in inline work.
const BRACKET_TAIL = 16;

/**
 * Finds the first limit the markdown crosses, in one pass over its lines.
 * @param markdown The text as it will be handed to the parser.
 * @param firstLine Line number of the text's first line (a page body starts below its front matter).
 * @param limits The limits to hold the text to.
 * @returns The first breach, or null when the text may be parsed.
 */
export function checkMarkdownLimits(markdown: string, firstLine = 1, limits: MarkdownLimits = MARKDOWN_LIMITS): MarkdownLimitBreach | null {
  const scan = new Scan();
  let line = firstLine;
  for (let start = 0; start <= markdown.length; line++) {
    const end = lineEnd(markdown, start);
    const depth = scan.line(markdown, start, end);
    if (depth > limits.nestingDepth) {
      return { code: 'MARKDOWN_TOO_DEEP', line, depth, limit: limits.nestingDepth };
    }
    if (scan.blockWork > limits.blockWork) {
      return { code: 'MARKDOWN_TOO_COMPLEX', line, work: 'block', spent: scan.blockWork, limit: limits.blockWork };
    }
    if (scan.inlineWork > limits.inlineWork) {
      return { code: 'MARKDOWN_TOO_COMPLEX', line, work: 'inline', spent: scan.inlineWork, limit: limits.inlineWork };
    }
    start = nextLine(markdown, end);
  }
  return null;
}

/**
 * Upper bounds of the parser's state and work, line by line. It never knows for sure whether a
 * line continues a container or a paragraph, so it assumes the costlier answer each time.
 */
class Scan {
  blockWork = 0;
  inlineWork = 0;
  /** Containers that may be open after the last line. */
  private open = 0;
  /** Block quotes among them. */
  private quotes = 0;
  private previousBlank = true;
  /** Lines read so far, each weighted by 1 + the containers it sat in: the parser's record of them. */
  private weight = 0;
  private readonly text = new InlineText();

  /**
   * Takes in one line.
   * @returns How many lists and block quotes the line may sit in.
   */
  line(markdown: string, start: number, end: number): number {
    const prefix = readLinePrefix(markdown, start, end);
    this.blockWork += LINE;
    if (prefix.blank) {
      // A blank line ends the paragraph and every block quote; list items go on below it.
      if (!this.previousBlank) this.blockWork += PARAGRAPH_END * this.weight;
      this.blockWork += QUOTE_END * this.quotes * this.weight;
      this.open -= this.quotes;
      this.quotes = 0;
      this.previousBlank = true;
      this.weight += 1 + this.open;
      this.text.end();
      return 0;
    }
    // Containers stay open on a line indented far enough for them, and a line right after text
    // may continue a paragraph lazily, keeping them all open.
    const indent = Math.floor(prefix.columns / 2);
    const depth = prefix.markers + Math.min(this.open, indent);
    const closed = this.open - Math.min(this.open, prefix.quotes + indent);
    const quotesClosed = Math.min(closed, Math.max(0, this.quotes - prefix.quotes));
    const ended = QUOTE_END * quotesClosed + LIST_END * (closed - quotesClosed + prefix.items) + PARAGRAPH_END * prefix.markers;
    this.blockWork += ended * this.weight;
    this.open = this.previousBlank ? depth : Math.max(depth, this.open);
    this.quotes = this.previousBlank ? prefix.quotes : Math.max(prefix.quotes, this.quotes);
    this.previousBlank = false;
    this.weight += 1 + this.open;
    const found = countMarks(markdown, start, end);
    this.blockWork += CELL * found.pipes;
    this.inlineWork += this.text.add(prefix, end, found);
    return depth;
  }
}

/**
 * The run of lines the inline parser may read as one text: a paragraph, or a heading. Lines are
 * only split off where a text surely ends; a table counts as one text, as its rows cannot be told
 * apart from paragraph lines cheaply (inside an HTML block or a code fence, say).
 */
class InlineText {
  private marks = 0;
  private length = 0;
  /** Length of the text since its first `[`, or -1 before one. */
  private sinceBracket = -1;

  /** A blank line: the next line starts a new text. */
  end(): void {
    this.marks = 0;
    this.length = 0;
    this.sinceBracket = -1;
  }

  /**
   * Takes in a non-blank line.
   * @returns What the line adds to the inline work of the texts read.
   */
  add(prefix: LinePrefix, end: number, found: LineMarks): number {
    if (prefix.interrupts) this.end();
    const length = end - prefix.content;
    // Every mark can look back over the whole text: marks × length, grown by this line.
    let work = found.marks * this.length + this.marks * length + found.marks * length;
    // GFM looks for web addresses at every word, each time walking back to an open `[`.
    const tail = this.sinceBracket >= 0 ? length : found.firstBracket >= 0 ? end - found.firstBracket : 0;
    const before = Math.max(this.sinceBracket, 0);
    work += Math.floor((tail * before + (tail * tail) / 2) / BRACKET_TAIL);
    if (tail > 0) this.sinceBracket = before + tail;
    this.marks += found.marks;
    this.length += length;
    if (prefix.heading) this.end();
    return work;
  }
}
