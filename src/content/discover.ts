import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { forEachLimited } from './for-each-limited.js';

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
  /** Why the file is not opened: it is not a regular file, or its name is not UTF-8. */
  readonly refusal?: FileRefusal | null;
}

/** What a listing alone shows is wrong with a page file, before anything opens it. */
export type FileRefusal = { readonly notRegular: NotRegular } | { readonly nameNotUtf8: true };

/** Things a folder can hold under a page's name that are not files: opening them can block forever. */
export type NotRegular = 'named pipe' | 'socket' | 'device' | 'symbolic link' | 'folder';

const MARKDOWN = /\.(md|markdown)$/i;
/** Top-level folders named like Hugo's language keys (`zh`, `en`, `pt-br`, `zh-Hans`). */
const LANGUAGE_FOLDER = /^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$/;
/** Hugo keeps these beside content; they are never pages. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Lists every markdown page under `root`, sorted by path so everything downstream is deterministic.
 * Symbolic links are not followed: content stays inside the folder it was pointed at. Names that
 * are not UTF-8, and pipes, sockets or devices named like pages, are listed with their refusal
 * rather than left out, so the site owner hears why such a page is missing.
 */
export async function discoverPages(root: string, { recursive = true }: { readonly recursive?: boolean } = {}): Promise<PageFile[]> {
  const base = await realpath(root);
  const found: Found[] = [];
  // Folder by folder, a level at a time, several listings at once: one listing after another
  // waits a turn of a busy event loop each (10,000 folders took seconds while serving).
  let level: Folder[] = [{ path: Buffer.from(base), utf8: true }];
  for (let depth = 0; level.length > 0; depth++) {
    const next: Folder[] = [];
    await forEachLimited(level, LISTINGS_AT_ONCE, async (folder) => {
      const below = await list(folder, found, depth === 0);
      if (recursive) next.push(...below);
    });
    level = next;
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found.map(({ path, refusal }) => ({ ...describe(base, path), refusal }));
}

/** Folders listed at once: enough to overlap the system calls, few enough to bound open handles. */
const LISTINGS_AT_ONCE = 16;

interface Folder {
  readonly path: Buffer;
  /** Whether every name on the way to it is UTF-8. */
  readonly utf8: boolean;
}

interface Found {
  /** Absolute path; a name that is not UTF-8 is decoded with U+FFFD in place of its bad bytes. */
  readonly path: string;
  readonly refusal: FileRefusal | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const SLASH = Buffer.from(sep);

/**
 * Adds the markdown files of `folder` to `out` and returns its folders. Paths are walked as
 * bytes: a name that is not UTF-8 cannot be opened through its decoded string, but the folders
 * below it can still be listed. A folder that vanishes while it is walked (a deploy replacing
 * files) is simply not there any more.
 */
async function list(folder: Folder, out: Found[], isRoot: boolean): Promise<Folder[]> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(folder.path, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    // Gone while it was walked; any other failure is not "no pages".
    if (!isRoot && ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
  const folders: Folder[] = [];
  for (const entry of entries) {
    const name = decoded(entry.name);
    const text = name ?? entry.name.toString('utf8');
    if (text.startsWith('.') || SKIPPED_DIRS.has(text)) continue;
    const full = Buffer.concat([folder.path, SLASH, entry.name]);
    const nameIsUtf8 = folder.utf8 && name !== null;
    if (entry.isDirectory()) {
      folders.push({ path: full, utf8: nameIsUtf8 });
      continue;
    }
    // Dirents do not follow links, so symbolic links are neither files nor folders here.
    if (entry.isSymbolicLink() || !MARKDOWN.test(text)) continue;
    const notRegular = kindOf(entry);
    const refusal = notRegular ? { notRegular } : nameIsUtf8 ? null : { nameNotUtf8: true as const };
    if (entry.isFile() || notRegular) out.push({ path: full.toString('utf8'), refusal });
  }
  return folders;
}

function decoded(name: Buffer): string | null {
  try {
    return UTF8.decode(name);
  } catch {
    return null;
  }
}

function kindOf(entry: Dirent<Buffer>): NotRegular | null {
  if (entry.isFIFO()) return 'named pipe';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return null;
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
