import { LocalDateResolver } from 'graphql-scalars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schema } from '../src/schema/index.js';
import { serializeLocalDate } from '../src/schema/scalars.js';

describe('LocalDate scalar', () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers as graphql-scalars' LocalDate does, errors included", () => {
    const type = schema.getType('LocalDate') as typeof LocalDateResolver;
    for (const value of ['2022-08-08', '2020-02-29', '2022-08-08', '2020-02-30', '2022-8-8', '', 20220808, null, new Date(0)]) {
      const expected = (() => {
        try {
          return { value: LocalDateResolver.serialize(value) };
        } catch (error) {
          return { error: String(error) };
        }
      })();
      for (let round = 0; round < 2; round++) {
        try {
          expect({ value: type.serialize(value) }).toEqual(expected);
        } catch (error) {
          if (!(error instanceof Error) || error.name === 'AssertionError') throw error;
          expect({ error: String(error) }).toEqual(expected);
        }
      }
    }
  });

  it('checks a date it accepted once only once', () => {
    const check = vi.spyOn(LocalDateResolver, 'serialize');
    expect(serializeLocalDate('2019-03-17')).toBe('2019-03-17');
    expect(serializeLocalDate('2019-03-17')).toBe('2019-03-17');
    expect(check).toHaveBeenCalledTimes(1);
    // A refused value is never remembered: each answer is the library's error.
    expect(() => serializeLocalDate('2019-02-30')).toThrow(/not a valid LocalDate/);
    expect(() => serializeLocalDate('2019-02-30')).toThrow(/not a valid LocalDate/);
    expect(check).toHaveBeenCalledTimes(3);
  });
});

describe("the request log's path", () => {
  it('is the URL parser’s path of each URL, also when URLs alternate', async () => {
    const { pathOf } = await import('../src/server/use-request-log.js');
    for (const url of ['http://h/graphql', 'http://h/graphql?query=x', 'http://h/a/../readyz', 'http://h/graphql', 'http://h/%7Ex']) {
      expect(pathOf(url)).toBe(new URL(url, 'http://localhost').pathname);
    }
  });
});
