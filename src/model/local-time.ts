import type { EventFacts } from './records.js';

/** Combines a local day and clock with an offset: `2021-07-24T13:30:00+08:00`. */
export function isoDateTime(date: string | null, time: string | null, offset: string): string | null {
  if (!date || !time) return null;
  return `${date}T${time}:00${offset}`;
}

/** The day an event is listed and ordered under: its own date, else its publication day. */
export function dayOf(event: Pick<EventFacts, 'date' | 'published'>): string | null {
  return event.date ?? event.published?.slice(0, 10) ?? null;
}
