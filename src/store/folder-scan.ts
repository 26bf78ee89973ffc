import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { sep } from 'node:path';
import { lstat, realpath, stat } from 'node:fs/promises';
import { describe, discoverPages, type PageFile } from '../content/discover.js';
import { stampOf, type FileStamp } from '../content/read-page-file.js';
import { forEachLimited } from '../content/for-each-limited.js';

/** A page file found by a scan, with the stamp it has now (null: not a regular file). */
export interface ScannedFile {
  readonly file: PageFile;
  readonly stamp: FileStamp | null;
}

/** Files stamped at once: enough to overlap the system calls, few enough to bound them. */
const CONCURRENCY = 64;

/**
 * The page files below `scope` (a folder inside `root`) as they are now, each with its stamp:
 * one listing and one `lstat` per file, no reads. Null when `scope` is not there, or is a link
 * (content never comes from outside the folder). Not `recursive`: the files in `scope` itself only.
 */
export async function scanPages(root: string, scope: string, recursive = true): Promise<ScannedFile[] | null> {
  let files: PageFile[];
  try {
    if ((await realpath(scope)) !== scope) return null;
    files = await discoverPages(scope, { recursive });
  } catch {
    return null;
  }
  const pages = files.map((f) => ({ ...describe(root, f.absolutePath), refusal: f.refusal ?? null })).filter((f) => !f.isSection);
  const scanned = new Array<ScannedFile>(pages.length);
  await forEachLimited(pages, CONCURRENCY, async (file, i) => {
    const stats = file.refusal ? null : await lstat(file.absolutePath).catch(() => null);
    scanned[i] = { file, stamp: stats?.isFile() ? stampOf(stats) : null };
  });
  return scanned;
}

/** Which folder a path names now: a deploy can delete it, or put another folder (or link) in its place. */
export interface FolderIdentity {
  /** The path with every link resolved. */
  readonly real: string;
  readonly dev: number;
  readonly ino: number;
}

/** The identity of the folder at `path`, or null when there is none. */
export async function identifyFolder(path: string): Promise<FolderIdentity | null> {
  try {
    const real = await realpath(path);
    const stats = await stat(real);
    return stats.isDirectory() ? { real, dev: stats.dev, ino: stats.ino } : null;
  } catch {
    return null;
  }
}

export function sameFolder(a: FolderIdentity | null, b: FolderIdentity | null): boolean {
  return a !== null && b !== null && a.real === b.real && a.dev === b.dev && a.ino === b.ino;
}

/** Files stamped synchronously between two turns of the event loop (see `stampFirst` in load-content.ts). */
const STAMP_SLICE = 256;

/**
 * The stamp of every file of `files`, by source path, taken with synchronous `lstat`s in slices
 * (start-up, where nothing is served yet: a fifth of the main thread's cost of an `lstat` through
 * the thread pool). Null as soon as one is not a regular file that can be opened: such a folder
 * cannot be proved unchanged by stamps alone.
 */
export async function stampFiles(files: readonly PageFile[]): Promise<Map<string, FileStamp> | null> {
  const stamps = new Map<string, FileStamp>();
  for (let start = 0; start < files.length; start += STAMP_SLICE) {
    if (start > 0) await new Promise((next) => setImmediate(next));
    for (let i = start; i < Math.min(files.length, start + STAMP_SLICE); i++) {
      const file = files[i] as PageFile;
      if (file.refusal) return null;
      let stats;
      try {
        stats = lstatSync(file.absolutePath, { throwIfNoEntry: false });
      } catch {
        return null;
      }
      if (!stats?.isFile()) return null;
      stamps.set(file.sourcePath, stampOf(stats));
    }
  }
  return stamps;
}

const MARKDOWN = /\.(md|markdown)$/i;
/** As discover.ts: folders Hugo keeps beside content, never pages. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Folders listed synchronously between two turns of the event loop. */
const LIST_SLICE = 128;

/**
 * The page files below `root` (section pages excluded) as `discoverPages` lists them, but listed
 * with synchronous `readdir`s in slices: at start-up, where nothing is served yet, 10,000
 * listings through the thread pool cost the main thread about half a second of a snapshot
 * start. Null when the folder holds anything the listing alone cannot take as a plain page file
 * (a name that is not UTF-8, a pipe or device named like a page): `discoverPages` says why
 * such a page is missing, and a start on such a folder does not use the snapshot anyway.
 */
export async function listPageFiles(root: string): Promise<PageFile[] | null> {
  const base = await realpath(root);
  const found: string[] = [];
  const folders = [base];
  for (let done = 0; folders.length > 0; done++) {
    if (done > 0 && done % LIST_SLICE === 0) await new Promise((next) => setImmediate(next));
    const folder = folders.pop() as string;
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return null;
    }
    for (const entry of entries) {
      const name = decodedName(entry.name);
      if (name === null) return null;
      if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
      if (entry.isDirectory()) folders.push(`${folder}${sep}${name}`);
      else if (!entry.isSymbolicLink() && MARKDOWN.test(name)) {
        if (!entry.isFile()) return null;
        found.push(`${folder}${sep}${name}`);
      }
    }
  }
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return found.map((path) => ({ ...describe(base, path), refusal: null })).filter((f) => !f.isSection);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodedName(name: Buffer): string | null {
  try {
    return UTF8.decode(name);
  } catch {
    return null;
  }
}
