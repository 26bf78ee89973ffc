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

/** A file that stands for its folder: Hugo's `index.md` / `_index.md`, a repository's `README.md`. */
const FOLDER_PAGE = /^(?:index|_index|readme)$/i;
/** Jekyll's `_posts/2019-11-21-slug.md`: the date is the post's, the rest is its name. */
const DATED_NAME = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/;

/** Derives slug, language and kind of page from its path. */
export function describe(base: string, file: string): PageFile {
  const sourcePath = relative(base, file).split(sep).join('/');
  const parts = sourcePath.split('/');
  const name = parts[parts.length - 1] ?? sourcePath;
  const stem = name.replace(MARKDOWN, '');
  const first = parts[0] ?? '';
  const language = parts.length > 1 && LANGUAGE_FOLDER.test(first) ? first.toLowerCase() : null;
  const isSection = stem === '_index';
  const named = FOLDER_PAGE.test(stem) ? (parts[parts.length - 2] ?? (language ?? stem.toLowerCase())) : stem;
  const slug = DATED_NAME.exec(named)?.[4] ?? named;
  return { absolutePath: file, sourcePath, slug, language, isSection };
}

/**
 * The day a page's path gives it, `YYYY-MM-DD`: a Jekyll post's name (`2019-11-21-slug.md`),
 * Docusaurus folders (`2021/06/24/slug.md`), a dated folder (`2020-06/README.md`, the first of
 * the month). Null when the path names no real day. It dates the page, not its event.
 */
export function pathDateOf(sourcePath: string): string | null {
  const parts = sourcePath.split('/');
  const stem = (parts[parts.length - 1] ?? '').replace(MARKDOWN, '');
  const named = DATED_NAME.exec(stem);
  if (named) return realDay(named[1], named[2], named[3]);
  const folders = parts.slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const [y, m, d] = [folders[i - 2], folders[i - 1], folders[i]];
    if (y && m && d && /^\d{4}$/.test(y) && /^\d{2}$/.test(m) && /^\d{2}$/.test(d)) return realDay(y, m, d);
    const dated = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|-)/.exec(folders[i] ?? '');
    if (dated) return realDay(dated[1], dated[2], dated[3] ?? '01');
  }
  return null;
}

function realDay(y: string | undefined, m: string | undefined, d: string | undefined): string | null {
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = `${y}-${m}-${d}`;
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso ? null : iso;
}
