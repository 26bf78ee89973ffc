/**
 * `npm test` runs the property and load tests short; `npm run test:long` (vitest.long.config.ts,
 * which sets LONG_TESTS=1) runs the same tests long. Both use fixed seeds: the short run tries
 * the first cases of the long one.
 */
export const LONG = process.env.LONG_TESTS === '1';

/** `short` under `npm test`, `long` under `npm run test:long`. */
export const shortOrLong = <T>(short: T, long: T): T => (LONG ? long : short);
