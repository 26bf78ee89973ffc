import { open } from 'node:fs/promises';

/**
 * Pages are read up to this many bytes: about 25 times the longest meetup page seen, and small
 * enough that even the slowest-to-parse text within it is read in about a second.
 */
export const PAGE_BYTES_LIMIT = 256 * 1024;

/** A page file as read: its text, or where it outgrew the limit. */
export type PageFileText = { readonly text: string; readonly tooLarge: null } | { readonly text: null; readonly tooLarge: PageSizeBreach };

export interface PageSizeBreach {
  /** The line on which the limit is crossed. */
  readonly line: number;
  readonly limitBytes: number;
}

/**
 * Reads a page as UTF-8 without ever holding more than the limit (plus one byte) of it, so a
 * huge file in the content folder cannot exhaust memory.
 * @param path Absolute path of the file.
 * @param limit Bytes a page may have.
 * @returns The text, or the breach when the file is larger.
 */
export async function readPageFile(path: string, limit: number = PAGE_BYTES_LIMIT): Promise<PageFileText> {
  const handle = await open(path, 'r');
  try {
    // Sized by the file (a few KB for a page), not by the limit: zero-filling 256 KiB per page
    // would cost gigabytes of writes at 10,000 pages. One byte more than allowed tells "too large".
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) return { text: null, tooLarge: breachAt(buffer, limit) };
    return { text: buffer.toString('utf8', 0, filled), tooLarge: null };
  } finally {
    await handle.close();
  }
}

/**
 * The same limit for a page already in memory.
 * @param text The page's text.
 * @param limit Bytes a page may have.
 * @returns The breach, or null when the page is within the limit.
 */
export function checkPageSize(text: string, limit: number = PAGE_BYTES_LIMIT): PageSizeBreach | null {
  // Each UTF-16 unit is at most three UTF-8 bytes: most pages need no encoding to be cleared.
  if (text.length * 3 <= limit) return null;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length > limit ? breachAt(bytes, limit) : null;
}

/**
 * @param bytes The start of the page, longer than the limit.
 * @param limit Bytes a page may have.
 * @returns The breach at the line holding the first byte past the limit.
 */
function breachAt(bytes: Buffer, limit: number): PageSizeBreach {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < limit; i = bytes.indexOf(0x0a, i + 1)) line += 1;
  return { line, limitBytes: limit };
}
