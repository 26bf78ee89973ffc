import { Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { builder } from './builder.js';
import { graphqlError } from './errors.js';

/** Dates answered before, at most this many (a graph has about one per event). */
const MAX_KNOWN_DATES = 50_000;
const knownDates = new Set<string>();

/**
 * graphql-scalars' LocalDate, answering a date string it accepted before without checking it
 * again: its check builds a Date and an ISO string per value, about 10 µs of an uncached event
 * page's CPU, for the same few thousand dates of the graph. Only accepted strings are kept, so
 * everything else (and every error) is still the library's.
 */
export function serializeLocalDate(value: unknown): string {
  if (typeof value === 'string' && knownDates.has(value)) return value;
  const accepted = LocalDateResolver.serialize(value) as string;
  if (typeof value === 'string' && accepted === value) {
    if (knownDates.size >= MAX_KNOWN_DATES) knownDates.clear();
    knownDates.add(value);
  }
  return accepted;
}

builder.addScalarType('LocalDate', LocalDateResolver, { serialize: serializeLocalDate });

/** RFC 3339 date-time with an explicit offset: `2021-07-24T13:30:00+08:00`. */
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function offsetDateTime(value: unknown): string {
  if (typeof value === 'string' && OFFSET_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw graphqlError('BAD_USER_INPUT', { problem: 'offset-date-time', value });
}

/**
 * graphql-scalars' DateTime serialises to UTC, which loses the local time of day a meetup page
 * states; this scalar keeps the event's own offset, so `13:30+08:00` stays readable as 13:30.
 */
builder.scalarType('OffsetDateTime', {
  description: 'An RFC 3339 date-time in the offset of the place it happens, e.g. `2021-07-24T13:30:00+08:00`.',
  serialize: offsetDateTime,
  parseValue: offsetDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw graphqlError('BAD_USER_INPUT', { problem: 'not-a-string', scalar: 'OffsetDateTime' });
    return offsetDateTime(ast.value);
  },
});
