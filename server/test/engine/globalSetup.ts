import pg from 'pg';
import { startPgCluster } from '../../../scripts/pg-cluster';
import { createPgDb, migratePg } from '../../src/db/pg';

/**
 * The PostgreSQL run of the API suite (vitest.pg.config.ts): one throw-away cluster for the whole run,
 * a template database migrated once, and every test app gets its own copy of it (server/test/engine/
 * testDatabase.ts). The cluster and its directory are removed when the run ends.
 */
export default async function setup() {
  const cluster = await startPgCluster();
  const templateUrl = await cluster.createDatabase('rd_template');
  const handle = createPgDb(templateUrl, { max: 1 });
  await migratePg(handle.db);
  await handle.close();
  // Nobody may stay connected to a template while CREATE DATABASE copies it.
  const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
  await admin.connect();
  await admin.query(`ALTER DATABASE rd_template WITH IS_TEMPLATE true`);
  await admin.end();
  // The workers are forked after this and inherit it: db/tables.ts picks PostgreSQL's tables.
  process.env.DATABASE_URL = templateUrl;
  process.env.RD_TEST_PG_ADMIN_URL = cluster.urlFor('postgres');
  return () => cluster.stop();
}
