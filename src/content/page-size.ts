/**
 * Pages are read up to this many bytes: about 25 times the longest meetup page seen, and small
 * enough that even the slowest-to-parse text within it is read in about a second.
 */
export const PAGE_BYTES_LIMIT = 256 * 1024;

export interface PageSizeBreach {
  /** The line on which the limit is crossed. */
  readonly line: number;
  readonly limitBytes: number;
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
export function breachAt(bytes: Buffer, limit: number): PageSizeBreach {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < limit; i = bytes.indexOf(0x0a, i + 1)) line += 1;
  return { line, limitBytes: limit };
}
