import { afterAll, beforeAll } from 'vitest';
import { findPgBin, type PgCluster, startPgCluster } from '../../../scripts/pg-cluster';

/**
 * Whether this run can test against PostgreSQL. In CI (`CI` set) a missing PostgreSQL is an error
 * that fails the file at once, never a skip: .ci/run installs Debian's postgresql package, so its
 * absence there means the setup broke. On a developer's machine without it the file is skipped and
 * says why.
 */
export function pgAvailable(file: string): boolean {
  if (findPgBin()) return true;
  const why = `${file}: PostgreSQL not found (Debian's postgresql package: /usr/lib/postgresql/<version>/bin)`;
  if (process.env.CI) throw new Error(`${why}; CI must test PostgreSQL (.ci/run installs it)`);
  console.warn(`${why}: skipping the PostgreSQL tests`);
  return false;
}

/**
 * One throw-away cluster for the test file: started before its tests, stopped and deleted after.
 * `cluster()` answers it inside tests; `database(name)` creates a fresh database and answers its URL.
 */
export function usePgCluster() {
  let current: PgCluster | null = null;
  let counter = 0;
  beforeAll(async () => {
    current = await startPgCluster();
  }, 60_000);
  afterAll(() => {
    current?.stop();
    current = null;
  });
  const cluster = () => {
    if (!current) throw new Error('the PostgreSQL cluster is not running (beforeAll failed?)');
    return current;
  };
  return {
    cluster,
    database: (prefix = 'test') => cluster().createDatabase(`${prefix}_${++counter}`),
  };
}
