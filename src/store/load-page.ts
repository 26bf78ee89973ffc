import { stat } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import { extractPage, type ExtractOptions } from '../extract/extract-page.js';
import type { PageRecord } from '../model/records.js';
import type { PageFile } from '../content/discover.js';
import { validateFrontMatter } from '../content/front-matter-schema.js';
import { FrontMatterError, splitFrontMatter } from '../content/front-matter.js';
import { checkMarkdownLimits } from '../content/markdown-limits.js';
import { parseMarkdown } from '../content/markdown.js';
import { checkPageSize, readPageFile } from '../content/page-size.js';

export interface LoadedPage {
  /** Null when the page was skipped; its diagnostics say why. */
  readonly record: PageRecord | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Pages read before, by file stamp or by exact text (see ParseCache). */
export interface PageCache {
  getByStamp(sourcePath: string, stamp: { mtimeMs: number; size: number }): LoadedPage | undefined;
  get(sourcePath: string, text: string): LoadedPage | undefined;
  set(sourcePath: string, text: string, page: LoadedPage, stamp?: { mtimeMs: number; size: number }): void;
}

/** Reads a page's text somewhere else (a worker thread). */
export type PageReader = (file: PageFile, text: string, options: ExtractOptions) => Promise<LoadedPage>;

/** Reads, splits, validates, parses and extracts one page. Never throws: problems become diagnostics. */
export async function loadPage(file: PageFile, options: ExtractOptions = {}, cache?: PageCache, reader?: PageReader): Promise<LoadedPage> {
  const stamp = cache ? await stat(file.absolutePath).catch(() => null) : null;
  const unchanged = stamp ? cache?.getByStamp(file.sourcePath, stamp) : undefined;
  if (unchanged) return unchanged;
  let text: string;
  try {
    const read = await readPageFile(file.absolutePath);
    if (read.tooLarge) return skipped(diagnostic('PAGE_TOO_LARGE', { path: file.sourcePath, line: read.tooLarge.line }, read.tooLarge.message));
    text = read.text;
  } catch (error) {
    return skipped(diagnostic('UNREADABLE_FILE', { path: file.sourcePath }, messageOf(error)));
  }
  const known = cache?.get(file.sourcePath, text);
  if (known) {
    if (stamp) cache?.set(file.sourcePath, text, known, stamp);
    return known;
  }
  const page = reader ? await reader(file, text, options) : readPage(file, text, options);
  cache?.set(file.sourcePath, text, page, stamp ?? undefined);
  return page;
}

/** The same steps for text already in memory (tests, reloads). */
export function readPage(file: Omit<PageFile, 'absolutePath'>, text: string, options: ExtractOptions = {}): LoadedPage {
  const where = { path: file.sourcePath };
  const tooLarge = checkPageSize(text);
  if (tooLarge) return skipped(diagnostic('PAGE_TOO_LARGE', { ...where, line: tooLarge.line }, tooLarge.message));
  if (text.includes('\u0000')) {
    return skipped(diagnostic('UNREADABLE_FILE', { ...where, line: lineOfIndex(text, text.indexOf('\u0000')) }, 'the file holds binary data, not text'));
  }
  let split;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    const line = error instanceof FrontMatterError ? error.line : 1;
    const code = error instanceof FrontMatterError && error.engine ? 'FRONT_MATTER_ENGINE' : 'FRONT_MATTER_SYNTAX';
    return skipped(diagnostic(code, { ...where, line }, messageOf(error)));
  }
  const diagnostics: Diagnostic[] = [];
  const { value: frontMatter, problems } = validateFrontMatter(split.data);
  for (const p of problems) {
    diagnostics.push(diagnostic('FRONT_MATTER_FIELD', { ...where, line: fieldLine(text, p.field), field: p.field }, p.message));
  }
  if (!frontMatter.title && !file.isSection) {
    diagnostics.push(diagnostic('MISSING_TITLE', { ...where, line: 1 }, 'the front matter has no title'));
  }
  // Checked before parsing: some shapes of markdown take the parser minutes (see markdown-limits).
  const breach = checkMarkdownLimits(split.body, split.bodyLine);
  if (breach) return { record: null, diagnostics: [...diagnostics, diagnostic(breach.code, { ...where, line: breach.line }, breach.message)] };
  let tree;
  try {
    tree = parseMarkdown(split.body);
  } catch (error) {
    return { record: null, diagnostics: [...diagnostics, diagnostic('MARKDOWN_BODY', { ...where, line: split.bodyLine }, messageOf(error))] };
  }
  const record = extractPage(
    { sourcePath: file.sourcePath, slug: file.slug, language: file.language, frontMatter, body: split.body, bodyLine: split.bodyLine, tree },
    options,
  );
  return { record, diagnostics };
}

function skipped(d: Diagnostic): LoadedPage {
  return { record: null, diagnostics: [d] };
}

function messageOf(error: unknown): string {
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
