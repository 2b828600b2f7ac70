import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb, migratePg, type PgHandle } from '../../src/db/pg';
import * as pgSchema from '../../src/db/pgSchema';
import { accounts, auditEvents, caseHandoffs, caseNotes, cases } from '../../src/db/pgSchema';
import { auditHasWords, nameHasWords, nameResembles } from '../../src/db/pgSearch';
import { addPgAccounts, addPgStaff } from './pgFactories';
import { pgAvailable, usePgCluster } from './pgHarness';

const TABLES = Object.values(pgSchema)
  .filter((v) => v instanceof PgTable)
  .map((t) => getTableConfig(t as PgTable));

/** What PostgreSQL reports for a column, in the words of information_schema. */
const PG_TYPE: Record<string, string> = {
  PgInteger: 'integer',
  PgBigInt53: 'bigint',
  PgBoolean: 'boolean',
  PgDoublePrecision: 'double precision',
  PgText: 'text',
};

const SURNAMES = ['李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐'];
const GIVEN = ['芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '超'];
const LATIN = ['Maria Garcia', 'John Smith', 'Anna Müller', 'Olga Ivanova', 'Ali Khan', 'Mei Tan'];
function fillerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? `${LATIN[i % LATIN.length]} ${i}`
      : `${SURNAMES[i % 10]}${GIVEN[i % 15]}${GIVEN[(i * 7) % 15]}`,
  );
}

describe.skipIf(!pgAvailable('pg-schema.test.ts'))('PostgreSQL schema (drizzle/pg migrations)', () => {
  const pgc = usePgCluster();
  let handle: PgHandle;
  let url: string;

  beforeAll(async () => {
    url = await pgc.database('schema');
    handle = createPgDb(url, { max: 3 });
    await migratePg(handle.db);
  });
  afterAll(() => handle?.close());

  it('when the migrations have run, then the database has every table and column of pgSchema.ts as declared (a schema change without `npm run db:generate:pg` fails here)', async () => {
    const { rows } = await handle.pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const actual = new Map(
      rows.map((r) => [`${r.table_name}.${r.column_name}`, `${r.data_type} ${r.is_nullable}`]),
    );
    const expected = TABLES.flatMap((t) =>
      t.columns.map(
        (c) => [`${t.name}.${c.name}`, `${PG_TYPE[c.columnType]} ${c.notNull ? 'NO' : 'YES'}`] as const,
      ),
    );
    expect(expected.length).toBeGreaterThan(150);
    for (const [column, declared] of expected) expect(actual.get(column), column).toBe(declared);
    const tables = new Set(rows.map((r) => r.table_name));
    expect([...tables].sort()).toEqual([...TABLES.map((t) => t.name), 'audit_chain_head'].sort());
  });

  it('when anyone updates, deletes or truncates audit_events, case_notes or case_handoffs, then a trigger refuses, even the owner', async () => {
    await handle.pool.query(
      "INSERT INTO audit_events (at, action, outcome, prev_hash, hash) VALUES (1, 'probe', 'success', 'p-trigger', 'h')",
    );
    // Row triggers fire only on rows: each table gets one.
    const staffId = await addPgStaff(handle.db, 'note_writer');
    const [accountId] = await addPgAccounts(handle.db, ['Note Owner']);
    const [opened] = await handle.db
      .insert(cases)
      .values({ accountId: accountId!, openedBy: staffId, ownerId: staffId, channel: 'phone' })
      .returning({ id: cases.id });
    await handle.db
      .insert(caseNotes)
      .values({ caseId: opened!.id, accountId: accountId!, authorId: staffId, text: 'n' });
    await handle.db
      .insert(caseHandoffs)
      .values({ caseId: opened!.id, kind: 'escalate', fromStaff: staffId, reason: 'r', at: 1 });
    for (const statement of [
      "UPDATE audit_events SET reason = 'rewritten'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
      "UPDATE case_notes SET text = 'x'",
      'DELETE FROM case_handoffs',
      "UPDATE case_handoffs SET reason = 'x'",
      'DELETE FROM case_notes',
      'TRUNCATE case_notes CASCADE',
    ]) {
      await expect(handle.pool.query(statement), statement).rejects.toThrow(/is append-only/);
    }
    const { rows } = await handle.pool.query("SELECT reason FROM audit_events WHERE prev_hash = 'p-trigger'");
    expect(rows).toEqual([{ reason: null }]);
  });

  it('when the app runs as recovery_desk_app, then it may insert and read the trail but has no right to change it, nor to drop its triggers', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET ROLE recovery_desk_app');
      await client.query(
        "INSERT INTO audit_events (at, action, outcome, prev_hash, hash) VALUES (2, 'probe', 'success', 'p-role', 'h')",
      );
      const read = await client.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE prev_hash = 'p-role'",
      );
      expect(read.rows).toEqual([{ n: 1 }]);
      // The domain tables stay fully writable for it.
      await client.query("UPDATE sign_in_throttle SET failures = 0 WHERE key = 'none'");
      for (const statement of [
        'UPDATE audit_events SET reason = NULL',
        'DELETE FROM audit_events',
        'TRUNCATE audit_events',
        'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete',
        'DROP TRIGGER audit_events_no_update_delete ON audit_events',
        'DELETE FROM audit_chain_head',
      ]) {
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied|must be owner/);
      }
    } finally {
      await client.end();
    }
  });

  it('when a name or audit search uses db/pgSearch.ts, then the plan is an index scan on its GIN index (EXPLAIN), and it finds the rows', async () => {
    await addPgAccounts(handle.db, ['王小明', 'José Núñez', 'Иван Петров', '王伟', 'Ann Lee']);
    // Enough namesakes and strangers that the planner's statistics look like a real table's.
    await addPgAccounts(handle.db, fillerNames(2_000));
    await handle.pool.query('ANALYZE accounts');
    const client = await handle.pool.connect();
    try {
      const explain = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
        const { sql, params } = query.toSQL();
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      const byWords = handle.db.select({ id: accounts.id }).from(accounts).where(nameHasWords('nunez'));
      expect(await explain(byWords)).toMatch(/Bitmap Index Scan on accounts_name_words/);
      const byReading = handle.db
        .select({ fullName: accounts.fullName })
        .from(accounts)
        .where(nameHasWords('wang'));
      expect((await byReading).map((r) => r.fullName).sort()).toEqual(['王伟', '王小明']);
      const byTrigram = handle.db
        .select({ fullName: accounts.fullName })
        .from(accounts)
        .where(nameResembles('jose nunes'));
      // Similarity is a scan of 2,000 rows' worth of pages at this size; the question is whether the index
      // can serve it at a million rows, so the planner is told to avoid sequential scans for this one.
      await client.query('SET enable_seqscan = off');
      expect(await explain(byTrigram)).toMatch(/Index Scan on accounts_name_key_trgm/);
      await client.query('RESET enable_seqscan');
      expect(await byTrigram).toEqual([{ fullName: 'José Núñez' }]);
      const audit = handle.db.select({ id: auditEvents.id }).from(auditEvents).where(auditHasWords('probe'));
      expect(await explain(audit)).toMatch(/Bitmap Index Scan on audit_events_words/);
    } finally {
      client.release();
    }
  });
});
