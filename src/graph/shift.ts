import type { PageRecord } from '../model/records.js';
import type { PageParts } from './page-parts.js';

/** A page as it sits in one graph version: its record, the ids it gives and the objects built from it. */
export interface Placed {
  readonly record: PageRecord;
  readonly eventId: string;
  readonly talkIds: readonly string[];
  readonly parts: PageParts | null;
}

/** A page as it entered the graph before an update and as it enters it now (null: not there). */
export interface Shift {
  readonly path: string;
  readonly before: Placed | null;
  readonly after: Placed | null;
}

/** Comparators of ids by their place in the current graph: talks in talk order, events newest first. */
export interface Ordering {
  readonly talks: (a: string, b: string) => number;
  readonly events: (a: string, b: string) => number;
}
