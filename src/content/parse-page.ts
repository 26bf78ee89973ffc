import type { Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import { pathDateOf, type PageFile } from './discover.js';
import { frontMatterLeaves, type FrontMatterLeaf } from './front-matter-leaves.js';
import { validateFrontMatter, type FrontMatter } from './front-matter-schema.js';
import { FrontMatterError, splitFrontMatter } from './front-matter.js';
import { checkMarkdownLimits } from './markdown-limits.js';
import { parseMarkdown } from './markdown.js';
import { checkPageSize } from './page-size.js';

/** A page read and parsed: what extraction works from. */
export interface ParsedPage {
  readonly sourcePath: string;
  readonly slug: string;
  readonly language: string | null;
  /** The day the page's path dates it (`_posts/2019-11-21-x.md`), see `pathDateOf`. */
  readonly pathDate: string | null;
  /** The fields this service reads, each validated (see front-matter-schema.ts). */
  readonly frontMatter: FrontMatter;
  /** Every other text value of the front matter, by key path (see front-matter-leaves.ts). */
  readonly frontMatterLeaves: readonly FrontMatterLeaf[];
  readonly body: string;
  /** File line on which the body starts, to turn tree lines into file lines. */
  readonly bodyLine: number;
  readonly tree: Root;
}

export interface ParseResult {
  /** Null when the page cannot be read; its diagnostics say why. */
  readonly page: ParsedPage | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** A page's file as discovery describes it, without where it sits on disk. */
export type PageSource = Omit<PageFile, 'absolutePath'>;

/**
 * Splits, validates and parses one page's text. Never throws: what is wrong becomes a diagnostic
 * with the line, and a page that cannot be read whole is not half read.
 */
export function parsePage(file: PageSource, text: string): ParseResult {
  const where = { path: file.sourcePath };
  // Binary first: random bytes decode to replacement characters of three bytes each, and would
  // otherwise be reported as a page too large.
  if (text.includes('\u0000') || looksBinary(text)) {
    const at = text.includes('\u0000') ? text.indexOf('\u0000') : text.indexOf('\uFFFD');
    return refused(diagnostic('UNREADABLE_FILE', { ...where, line: lineOfIndex(text, at) }, { binary: true }));
  }
  const tooLarge = checkPageSize(text);
  if (tooLarge) return refused(diagnostic('PAGE_TOO_LARGE', { ...where, line: tooLarge.line }, tooLarge));
  let split;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) return refused(diagnostic('FRONT_MATTER_SYNTAX', { ...where, line: 1 }, { parser: null, problem: messageOf(error) }));
    const { refusal, line } = error;
    // One call per code, so each is checked against the details its sentence needs.
    return refused(
      refusal.code === 'FRONT_MATTER_ENGINE'
        ? diagnostic(refusal.code, { ...where, line }, refusal.details)
        : diagnostic(refusal.code, { ...where, line }, refusal.details),
    );
  }
  const diagnostics: Diagnostic[] = split.duplicateKeys.map((d) => diagnostic('FRONT_MATTER_DUPLICATE_KEY', { ...where, line: d.line, field: d.key }, { key: d.key }));
  const { value: frontMatter, problems } = validateFrontMatter(split.data);
  for (const p of problems) {
    diagnostics.push(diagnostic('FRONT_MATTER_FIELD', { ...where, line: fieldLine(text, p.field), field: p.field }, { problem: p.message }));
  }
  // Checked before parsing: some shapes of markdown take the parser minutes (see markdown-limits).
  const breach = checkMarkdownLimits(split.body, split.bodyLine);
  if (breach) {
    // One call per code, so each is checked against the details its sentence needs.
    const refusal =
      breach.code === 'MARKDOWN_TOO_DEEP'
        ? diagnostic(breach.code, { ...where, line: breach.line }, breach)
        : diagnostic(breach.code, { ...where, line: breach.line }, breach);
    return { page: null, diagnostics: [...diagnostics, refusal] };
  }
  let tree: Root;
  try {
    tree = parseMarkdown(split.body);
  } catch (error) {
    return { page: null, diagnostics: [...diagnostics, diagnostic('MARKDOWN_BODY', { ...where, line: split.bodyLine }, { problem: messageOf(error) })] };
  }
  // A page without a front-matter title is titled by its first heading (see event-facts).
  if (!frontMatter.title && !file.isSection && !tree.children.some((n) => n.type === 'heading')) {
    diagnostics.push(diagnostic('MISSING_TITLE', { ...where, line: 1 }));
  }
  const frontMatterRest = frontMatterLeaves(split.data);
  const page = { sourcePath: file.sourcePath, slug: file.slug, language: file.language, pathDate: pathDateOf(file.sourcePath), frontMatter, frontMatterLeaves: frontMatterRest, body: split.body, bodyLine: split.bodyLine, tree };
  return { page, diagnostics };
}

/**
 * Text of which a quarter is bytes that are not UTF-8 (decoded as U+FFFD) is not a page; a page
 * with a few stray bytes (a truncated character, a pasted Latin-1 word) is still read.
 */
function looksBinary(text: string): boolean {
  let bad = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) bad++;
  return bad > 64 && bad * 4 > text.length;
}

function refused(d: Diagnostic): ParseResult {
  return { page: null, diagnostics: [d] };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lineOfIndex(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * The line of a top-level front-matter key, so a field problem points at its line: written bare
 * or quoted at the start of a line, else indented or in a `{…}` mapping, else the opening fence.
 */
function fieldLine(text: string, field: string): number {
  const key = (field.split('.')[0] ?? field).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(["']?)${key}\\1\\s*[:=]`, 'm').exec(text) ?? new RegExp(`(?:^|[{,])[ \\t]*(["']?)${key}\\1\\s*[:=]`, 'm').exec(text);
  return m ? lineOfIndex(text, m.index) : 1;
}
