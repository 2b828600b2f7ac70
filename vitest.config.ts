import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'client/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // vitest's default on 2 cores is ONE worker (cores - 1); the API tests mostly wait on fsync, child
    // processes and timers, so two files at once nearly halve the run (measured in the closing note).
    maxWorkers: 2,
  },
});
