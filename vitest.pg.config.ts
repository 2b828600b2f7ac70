import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The API suite again, on PostgreSQL (`npm run test:pg`): one throw-away cluster for the run
 * (server/test/engine/globalSetup.ts), a fresh database per test app. Files that test SQLite itself
 * (its query plans, its file, its backups) say so with sqliteOnly() and skip here, naming why; the
 * PostgreSQL-specific tests (server/test/pg/) start their own clusters and run in the SQLite run.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['server/test/**/*.test.ts'],
    exclude: ['server/test/pg/**'],
    globalSetup: ['server/test/engine/globalSetup.ts'],
  },
});
