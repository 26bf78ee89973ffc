import { Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { builder } from './builder.js';
import { graphqlError } from './errors.js';

builder.addScalarType('LocalDate', LocalDateResolver, {});

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
