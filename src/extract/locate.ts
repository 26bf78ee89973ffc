import type { SourceRef } from '../model/records.js';

/** Turns a line of a page's markdown body into a place in the page's file (null: no line known). */
export type Locate = (bodyLine: number | null) => SourceRef;

/** The locator of a page whose body starts on file line `bodyLine`. */
export function locator(sourcePath: string, bodyLine: number): Locate {
  return (line) => ({ path: sourcePath, line: line === null ? null : line + bodyLine - 1 });
}
