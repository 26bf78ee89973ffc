import { lstatSync } from 'node:fs';
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
