import ical, { escape } from 'ical-generator';
import type { Event } from '../model/graph.js';

export interface CalendarOptions {
  /** Shown by calendar apps as the calendar's name (`X-WR-CALNAME`). */
  readonly name: string;
  /** A full `-//Owner//Product//EN` identifier; a default names this service. */
  readonly prodId?: string;
  /** Extra text for an event's DESCRIPTION, such as its talks, which `Event` only holds as ids. */
  readonly describe?: (event: Event) => string;
}

interface Times {
  readonly start: Date;
  readonly end: Date | null;
  readonly allDay: boolean;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const DEFAULT_PROD_ID = '-//meetup-graph//calendar//EN';

/**
 * Renders events as one RFC 5545 VCALENDAR. Events with neither a start time nor a day are left
 * out, since a VEVENT needs a DTSTART. The output depends only on the events and options, so it
 * can be cached and compared byte for byte.
 */
export function calendarOf(events: readonly Event[], options: CalendarOptions): string {
  const calendar = ical({
    // ical-generator writes the name unescaped; a comma or newline in it would break the line.
    name: escape(options.name, false),
    // ical-generator prefixes the "-" of the formal public identifier itself.
    prodId: (options.prodId ?? DEFAULT_PROD_ID).replace(/^-/, ''),
  });
  for (const event of events) {
    const times = timesOf(event);
    if (!times) continue;
    const description = [event.description, options.describe?.(event)]
      .map((text) => text?.trim() ?? '')
      .filter((text) => text.length > 0)
      .join('\n\n');
    calendar.createEvent({
      // The id is language/slug, so a re-imported calendar updates the event instead of duplicating it.
      id: `${escape(event.id, false)}@meetup-graph`,
      summary: event.title,
      start: times.start,
      end: times.end,
      allDay: times.allDay,
      stamp: stampOf(event, times.start),
      location: locationOf(event),
      description: description || null,
    });
  }
  return calendar.toString();
}

/**
 * DTSTART/DTEND of an event: exact instants when the page states a time, else the whole day.
 * Null when the page states no day at all.
 */
function timesOf(event: Event): Times | null {
  const start = instant(event.startsAt);
  if (start) {
    const end = instant(event.endsAt);
    // ical-generator swaps an end before the start, which would move the start; an evening
    // running past midnight or a misread clock is better shown with no end than a wrong start.
    return { start, end: end && end > start ? end : null, allDay: false };
  }
  // ical-generator takes the UTC calendar day of a Date for VALUE=DATE, so midnight UTC of the
  // local day yields that same day whatever the server's zone.
  const day = event.date && DATE_ONLY.test(event.date) ? instant(`${event.date}T00:00:00Z`) : null;
  if (!day) return null;
  return { start: day, end: new Date(day.getTime() + DAY_MS), allDay: true };
}

/**
 * DTSTAMP from the page's publication date rather than the clock, so the same content always
 * renders the same bytes. Falls back to the event's start.
 */
function stampOf(event: Event, fallback: Date): Date {
  const published = event.published?.trim().replace(' ', 'T');
  if (!published) return fallback;
  // A zoneless timestamp would be read in the server's zone; the event's own offset is what the author meant.
  const zoned = DATE_ONLY.test(published) ? `${published}T00:00:00Z` : HAS_ZONE.test(published) ? published : `${published}${event.utcOffset}`;
  return instant(zoned) ?? fallback;
}

/** Venue and city, without repeating a city the venue already names. */
function locationOf(event: Event): string | null {
  const { venue, city } = event;
  if (venue && city && !venue.includes(city)) return `${venue}, ${city}`;
  return venue ?? city;
}

/** The instant an ISO timestamp denotes, or null when it is missing or unreadable. */
function instant(text: string | null | undefined): Date | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}
