import { projectKey } from '../model/keys.js';

/** Criteria that event and talk lists share. */
export interface CommonFilter {
  /** Speaker id: who presents. */
  readonly speaker?: string | null;
  /** Project slug, any case. */
  readonly project?: string | null;
  /** Calendar year of the event (of its publication when the page states no day). */
  readonly year?: number | null;
  /** Ids allowed by a free-text search, when one was given. */
  readonly ids?: ReadonlySet<string> | null;
}

/** Whether a day `YYYY-MM-DD` (or none) falls in the year asked for, or no year was asked for. */
export function inYear(day: string | null, year: number | null | undefined): boolean {
  return year == null || (day !== null && day.startsWith(String(year)));
}

/** Whether an id passes the search part of a filter. */
export function allowedBySearch(id: string, filter: CommonFilter): boolean {
  return filter.ids == null || filter.ids.has(id);
}

/** The key of the project a filter names, or null. */
export function projectKeyOf(filter: CommonFilter): string | null {
  return filter.project ? projectKey(filter.project) : null;
}
