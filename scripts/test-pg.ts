import { spawnSync } from 'node:child_process';
import { findPgBin } from './pg-cluster';

/**
 * `npm run test:pg`: the API suite again, on PostgreSQL (vitest.pg.config.ts). Where Debian's
 * postgresql package is missing it says so and stops; in CI (`CI` set) that is a failure, never a
 * skip: .ci/run installs the package, so its absence there means the setup broke.
 */
if (!findPgBin()) {
  const why =
    'PostgreSQL not found (Debian postgresql package: /usr/lib/postgresql/<version>/bin, or PG_BIN)';
  if (process.env.CI) {
    console.error(`test:pg: ${why}; CI must test PostgreSQL (.ci/run installs it)`);
    process.exit(1);
  }
  console.warn(`test:pg: ${why}: the API suite ran on SQLite only`);
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.pg.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
