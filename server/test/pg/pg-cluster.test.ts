import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPgCluster } from '../../../scripts/pg-cluster';
import { pgAvailable } from './pgHarness';

describe.skipIf(!pgAvailable('pg-cluster.test.ts'))('throw-away PostgreSQL cluster', () => {
  it('when a cluster starts, then it answers on a socket in its own temp dir, as the postgres OS user, and stop removes it all', async () => {
    const cluster = await startPgCluster();
    let stopped = false;
    try {
      const url = await cluster.createDatabase('probe');
      expect(url).toContain(encodeURIComponent(cluster.dir));
      expect(existsSync(join(cluster.dir, '.s.PGSQL.5432'))).toBe(true);
      if (process.getuid?.() === 0) {
        // initdb and the server refuse root: the data directory belongs to postgres.
        const postgresUid = statSync(join(cluster.dir, 'data')).uid;
        expect(postgresUid).not.toBe(0);
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ db: string; tcp: string }>(
        "SELECT current_database() AS db, current_setting('listen_addresses') AS tcp",
      );
      await client.end();
      // No TCP listener: nothing another run or another engineer starts can collide with it.
      expect(rows[0]).toEqual({ db: 'probe', tcp: '' });
      cluster.stop();
      stopped = true;
      expect(existsSync(cluster.dir)).toBe(false);
      const late = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      await expect(late.connect()).rejects.toThrow();
    } finally {
      if (!stopped) cluster.stop();
    }
  }, 60_000);
});
