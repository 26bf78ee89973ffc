import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { NotRegular } from './discover.js';
import { breachAt, PAGE_BYTES_LIMIT, type PageSizeBreach } from './page-size.js';

/** What tells a file's version without reading it: equal stamps, same bytes (as far as a stamp can say). */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Whether two stamps say the file is unchanged. */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | null | undefined): boolean {
  return a !== undefined && b != null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** A page file as read: its text, where it outgrew the limit, or why it was not opened. */
export type PageFileText =
  | { readonly text: string; readonly stamp: FileStamp }
  | { readonly tooLarge: PageSizeBreach; readonly stamp: FileStamp }
  | { readonly notRegular: NotRegular };

/**
 * A non-blocking open returns at once even for a named pipe without a writer (a blocking one
 * waits forever, holding one of libuv's four file threads, and `process.exit` then waits on that
 * thread too); symbolic links are refused by the kernel, not only by the listing.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export interface ReadOptions {
  /** Bytes a page may have. */
  readonly limit?: number;
  /** Called as each system call of the read returns: a caller timing the read sees it progress. */
  readonly onStep?: () => void;
}

/**
 * Reads a page as UTF-8 without ever holding more than the limit (plus one byte) of it, so a
 * huge file in the content folder cannot exhaust memory. Only regular files are read: the path is
 * checked before it is opened, and the opened file again, as the name may have been replaced by
 * a pipe in between.
 * @param path Absolute path of the file.
 * @param options `limit`: bytes a page may have; `onStep`: called as each system call returns.
 * @returns The text and the stamp of the file read, the breach when the file is larger, or what
 *   the file is when it is not a regular file.
 */
export async function readPageFile(path: string, { limit = PAGE_BYTES_LIMIT, onStep }: ReadOptions = {}): Promise<PageFileText> {
  const before = notRegular(await lstat(path));
  onStep?.();
  if (before) return { notRegular: before };
  const handle = await open(path, OPEN_FLAGS);
  onStep?.();
  try {
    const stats = await handle.stat();
    onStep?.();
    const opened = notRegular(stats);
    if (opened) return { notRegular: opened };
    const stamp = stampOf(stats);
    // Sized by the file (a few KB for a page), not by the limit: zero-filling 256 KiB per page
    // would cost gigabytes of writes at 10,000 pages. One byte more than allowed tells "too large".
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, limit) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      onStep?.();
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) return { tooLarge: breachAt(buffer, limit), stamp };
    return { text: buffer.toString('utf8', 0, filled), stamp };
  } finally {
    await handle.close();
  }
}

export function stampOf(stats: Stats): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

export function notRegular(stats: Stats): NotRegular | null {
  if (stats.isFile()) return null;
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isDirectory()) return 'folder';
  return 'device';
}
