import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:long`: the long runs of the property and load tests (`npm test` runs them short,
 * with the same seeds). LONG_TESTS=1 is what the tests read (tests/helpers/long-run.ts); their
 * generous timeouts are hang detectors, set in the tests. Everything else as in vitest.config.ts.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/content-property.test.ts', 'tests/graph-builder.test.ts', 'tests/load-under-edits.test.ts', 'tests/folder-churn.test.ts'],
    env: { LONG_TESTS: '1' },
  },
});
