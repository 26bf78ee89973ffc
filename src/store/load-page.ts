import { lstat } from 'node:fs/promises';
import type { PageFile } from '../content/discover.js';
import { notRegular, readPageFile, stampOf, type FileStamp } from '../content/read-page-file.js';
import { messageOf, parsePage, type PageSource } from '../content/parse-page.js';
import { extractPage, type ExtractOptions } from '../extract/extract-page.js';
import { diagnostic, type UnreadableFile } from '../model/diagnostics.js';
import type { LoadedPage } from '../model/records.js';
import { TimedOut, unlessStalled } from './within.js';

/** Pages read before, by file stamp or by exact text (see ParseCache). */
export interface PageCache {
  getByStamp(sourcePath: string, stamp: FileStamp): LoadedPage | undefined;
  get(sourcePath: string, text: string): LoadedPage | undefined;
  set(sourcePath: string, text: string, page: LoadedPage, stamp?: FileStamp): void;
}

/** Reads a page's text somewhere else (a worker thread). */
export type PageReader = (file: PageFile, text: string, options: ExtractOptions) => Promise<LoadedPage>;

/** A page and the stamp of the file it was read from (null when the file could not be stamped). */
export interface LoadedFile {
  readonly page: LoadedPage;
  readonly stamp: FileStamp | null;
  /** The file was not there any more when it was read (renamed or deleted since it was listed). */
  readonly gone?: boolean;
}

/**
 * A local page is read in well under a millisecond; this is for a file system that stopped
 * answering (a network mount), so one such file cannot hold up a reload or a shutdown. It counts
 * time without progress (no system call of the read returning), not the whole read: on a busy
 * event loop every step of a read waits its turn, and those reads are slow, not stuck.
 */
export const READ_TIMEOUT_MS = 10_000;

/**
 * Reads that timed out and have not returned. Each holds one of libuv's four file threads, and
 * `process.exit` waits for those threads: a process with a stuck read cannot exit by itself.
 */
let stuckReads = 0;

/** Reads that timed out and have not returned yet (see `stuckReads`). */
export function stuckReadCount(): number {
  return stuckReads;
}

/**
 * One page file → its record: from the parse cache when the file (or its text) is unchanged,
 * else read, parsed and extracted. Never throws: problems become diagnostics. Only regular files
 * are opened: the listing's refusal and an `lstat` come first.
 */
export async function loadPage(file: PageFile, options: ExtractOptions = {}, cache?: PageCache, reader?: PageReader, timeoutMs = READ_TIMEOUT_MS): Promise<LoadedFile> {
  if (file.refusal) return unreadable(file, file.refusal, null);
  let stamp: FileStamp;
  try {
    const stats = await lstat(file.absolutePath);
    const kind = notRegular(stats);
    if (kind) return unreadable(file, { notRegular: kind }, null);
    stamp = stampOf(stats);
  } catch (error) {
    // Renamed or deleted since it was listed: not a page with a problem, no page at all.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...unreadable(file, { problem: messageOf(error) }, null), gone: true };
    return unreadable(file, { problem: messageOf(error) }, null);
  }
  const unchanged = cache?.getByStamp(file.sourcePath, stamp);
  if (unchanged) return { page: unchanged, stamp };
  let text: string;
  try {
    const read = await unlessStalled((onStep) => readPageFile(file.absolutePath, { onStep }), timeoutMs, () => (stuckReads -= 1)).catch((error: unknown) => {
      if (error instanceof TimedOut) stuckReads += 1;
      throw error;
    });
    if ('notRegular' in read) return unreadable(file, read, null);
    stamp = read.stamp;
    if ('tooLarge' in read) return { page: { record: null, diagnostics: [diagnostic('PAGE_TOO_LARGE', { path: file.sourcePath, line: read.tooLarge.line }, read.tooLarge)] }, stamp };
    text = read.text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...unreadable(file, { problem: messageOf(error) }, null), gone: true };
    // A read that timed out is tried again at the next change or rescan: no stamp is kept for it.
    return unreadable(file, error instanceof TimedOut ? { timedOutMs: error.ms } : { problem: messageOf(error) }, null);
  }
  const known = cache?.get(file.sourcePath, text);
  if (known) {
    cache?.set(file.sourcePath, text, known, stamp);
    return { page: known, stamp };
  }
  const page = reader ? await reader(file, text, options) : readPage(file, text, options);
  cache?.set(file.sourcePath, text, page, stamp);
  return { page, stamp };
}

function unreadable(file: PageFile, why: UnreadableFile | { readonly problem: string }, stamp: FileStamp | null): LoadedFile {
  return { page: { record: null, diagnostics: [diagnostic('UNREADABLE_FILE', { path: file.sourcePath }, why)] }, stamp };
}

/** Text already in memory → its record (parse workers, tests). */
export function readPage(file: PageSource, text: string, options: ExtractOptions = {}): LoadedPage {
  const { page, diagnostics } = parsePage(file, text);
  if (!page) return { record: null, diagnostics };
  const { record, doubts } = extractPage(page, options);
  return { record, diagnostics: [...diagnostics, ...doubts] };
}
