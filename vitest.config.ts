import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds; Vite would pick the ESM one for our sources while
    // Yoga and Pothos load the CommonJS one, giving two GraphQLError classes. One copy, as in Node.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Two cores on CI: keep workers to what the machine has.
    maxWorkers: 2,
  },
});
