import { readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A markdown file found under the content folder, before it is read. */
export interface PageFile {
  /** Absolute path on disk. */
  readonly absolutePath: string;
  /** Path relative to the content folder with `/` separators. */
  readonly sourcePath: string;
  readonly slug: string;
  /** `zh`, `en` … when the page sits in a top-level language folder. */
  readonly language: string | null;
  /** `_index.md`: a Hugo section page, listed but never an event. */
  readonly isSection: boolean;
}

const MARKDOWN = /\.(md|markdown)$/i;
/** Top-level folders named like Hugo's language keys (`zh`, `en`, `pt-br`, `zh-Hans`). */
const LANGUAGE_FOLDER = /^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$/;
/** Hugo keeps these beside content; they are never pages. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Lists every markdown page under `root`, sorted by path so everything downstream is deterministic.
 * Symbolic links are not followed: content stays inside the folder it was pointed at.
 */
export async function discoverPages(root: string): Promise<PageFile[]> {
  const base = await realpath(root);
  const files: string[] = [];
  await walk(base, files);
  files.sort();
  return files.map((file) => describe(base, file));
}

/** Collects regular markdown files below `dir`. */
async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && MARKDOWN.test(entry.name)) out.push(full);
    // Dirents do not follow links, so symbolic links fall through both branches.
  }
}

/** Derives slug, language and kind of page from its path. */
export function describe(base: string, file: string): PageFile {
  const sourcePath = relative(base, file).split(sep).join('/');
  const parts = sourcePath.split('/');
  const name = parts[parts.length - 1] ?? sourcePath;
  const stem = name.replace(MARKDOWN, '');
  const first = parts[0] ?? '';
  const language = parts.length > 1 && LANGUAGE_FOLDER.test(first) ? first.toLowerCase() : null;
  const isSection = stem === '_index';
  const isBundle = stem === 'index' || isSection;
  const slug = isBundle ? (parts[parts.length - 2] ?? (language ?? 'index')) : stem;
  return { absolutePath: file, sourcePath, slug, language, isSection };
}
