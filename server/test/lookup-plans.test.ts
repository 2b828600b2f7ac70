import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPgText } from '../src/db/rows';
import { accounts } from '../src/db/tables';
import { TEST_ENGINE } from './engine/testDatabase';
import { addDevice, addLoginEvent, addTransactions, createAccount, insertCrowd } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Speed at a million accounts comes from indexes, and a missing one only shows at scale. So every
 * statement the lookup and the account views issue is replayed under the engine's EXPLAIN, with its
 * real parameters, and must reach rows through an index: no full scan of a table. SQLite: EXPLAIN
 * QUERY PLAN of what better-sqlite3 prepared. PostgreSQL: EXPLAIN (FORMAT JSON) of what the pg
 * clients sent, with sequential scans priced out (enable_seqscan = off): a test table of a few
 * thousand rows is rightly read whole by the planner, and the question is whether an index CAN
 * serve the statement, as it must at a million rows. A statement no index serves still shows a Seq
 * Scan (or a full index pass without an Index Cond), which the checker reports.
 */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Recorded = { sql: string; params: unknown[] };

/** Tables the lookup and the account views must never read whole. */
const WATCHED = ['accounts', 'login_events', 'devices', 'transactions', 'staff'];

type Planner = {
  /** Records the statements the app sends from now until stop(). */
  record(): { seen: Recorded[]; stop: () => void };
  /** The plan, printable, and the nodes in it that pass over a watched table in full. */
  explain(r: Recorded): Promise<{ plan: string; fullScans: string[] }>;
  /** The probe statements' own spelling: the FTS5 MATCH on SQLite, the GIN-indexed tsvector on pg. */
  nameWordsSql: RegExp;
  /** How a plan says it used an index; on pg every node on a watched table already must. */
  indexUse: RegExp;
  /** A statement in the engine's placeholder style. */
  statement(sql: string, params: unknown[]): Recorded;
};

function sqlitePlanner(sqlite: Database.Database): Planner {
  const prepare = sqlite.prepare.bind(sqlite);
  return {
    record() {
      const seen: Recorded[] = [];
      sqlite.prepare = ((source: string) => {
        const stmt = prepare(source) as unknown as Record<string, (...args: unknown[]) => unknown>;
        for (const method of ['all', 'get', 'run', 'iterate']) {
          const run = stmt[method]!.bind(stmt);
          stmt[method] = (...params: unknown[]) => {
            seen.push({ sql: source, params });
            return run(...params);
          };
        }
        return stmt;
      }) as unknown as typeof sqlite.prepare;
      return { seen, stop: () => (sqlite.prepare = prepare) };
    },
    async explain(r) {
      const rows = prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.params) as { detail: string }[];
      const lines = rows.map((row) => row.detail);
      // A full pass over a table or an index; an FTS5 MATCH shows as a virtual-table scan with an 'M' index.
      const full = new RegExp(`^SCAN (?!\\w+ VIRTUAL TABLE INDEX \\d+:M)(${WATCHED.join('|')})\\b`);
      return { plan: lines.join('\n'), fullScans: lines.filter((line) => full.test(line)) };
    },
    nameWordsSql: /\bMATCH\b/,
    indexUse: /USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY)|VIRTUAL TABLE INDEX \d+:M/,
    statement: (sql, params) => ({ sql, params }),
  };
}

type PgPlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgPlanNode[];
};

function* planNodes(node: PgPlanNode): Generator<PgPlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* planNodes(child);
}

function pgPlanner(pool: pg.Pool): Planner {
  // Every pool connection is a pg.Client: inside a transaction drizzle and rawAll use the
  // transaction's client directly, so the statements are caught where all of them pass.
  const query = pg.Client.prototype.query;
  return {
    record() {
      const seen: Recorded[] = [];
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown];
        if (typeof config === 'string')
          seen.push({ sql: config, params: Array.isArray(values) ? values : [] });
        else if (config && typeof config.text === 'string')
          seen.push({ sql: config.text, params: config.values ?? (Array.isArray(values) ? values : []) });
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      return { seen, stop: () => (pg.Client.prototype.query = query) };
    },
    async explain(r) {
      const connection = await pool.connect();
      try {
        await connection.query('SET enable_seqscan = off');
        const { rows } = await connection.query<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${r.sql}`,
          r.params,
        );
        const root = rows[0]!['QUERY PLAN'][0].Plan;
        const nodes = [...planNodes(root)];
        const fullScans = nodes
          .filter((n) => n['Relation Name'] && WATCHED.includes(n['Relation Name']))
          .filter((n) => n['Node Type'] === 'Seq Scan' || (/Index/.test(n['Node Type']) && !n['Index Cond']))
          .map(
            (n) =>
              `${n['Node Type']} on ${n['Relation Name']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`,
          );
        const plan = nodes
          .map((n) =>
            [
              n['Node Type'],
              n['Relation Name'] && `on ${n['Relation Name']}`,
              n['Index Name'] && `using ${n['Index Name']}`,
            ]
              .filter(Boolean)
              .join(' '),
          )
          .join('\n');
        return { plan, fullScans };
      } finally {
        await connection.query('RESET enable_seqscan');
        connection.release();
      }
    },
    nameWordsSql: /@@ to_tsquery/,
    indexUse: /Index Scan|Index Only Scan|Bitmap Index Scan/,
    statement: (sql, params) => ({ sql: toPgText(sql), params }),
  };
}

function planner(): Planner {
  if (t.deps.sqlite) return sqlitePlanner(t.deps.sqlite);
  return pgPlanner((t.deps.db as unknown as { $client: pg.Pool }).$client);
}

/** Planner statistics as the app would have them after autovacuum (PostgreSQL); SQLite plans without them. */
async function analyze() {
  if (TEST_ENGINE === 'pg') await (t.deps.db as unknown as { $client: pg.Pool }).$client.query('ANALYZE');
}

async function arrangeCrowd() {
  const jose = await createAccount(t, { fullName: 'José Núñez', accountNumber: 'OK1234567890' });
  // Crowds of Latin and Chinese namesakes, so the name probes overflow and are counted.
  await insertCrowd(t, 460, (i) => ({ fullName: i % 2 ? 'Wei Wang' : '王伟', nationalIdLast4: '4321' }));
  // Everyone else: with the crowd alone, a name word matched nearly every row, and PostgreSQL rightly
  // preferred passing over a whole (btree) index to the word index; at a million accounts it is a few.
  for (let batch = 0; batch < 3_000; batch += 1_000) {
    await insertCrowd(t, 1_000, (j) => {
      const i = batch + j;
      return {
        fullName: `Other Person${i}`,
        accountNumber: `OK${8_000_000_000 + i}`,
        nationalIdLast4: String(i).padStart(4, '0'),
        dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      };
    });
  }
  await analyze();
  return jose;
}

describe(`query plans (${TEST_ENGINE})`, () => {
  it('when the checker sees an unindexed filter, then it reports the scan (the test can fail)', async () => {
    await arrangeCrowd();
    const plans = planner();
    const { fullScans } = await plans.explain(
      plans.statement('SELECT id FROM accounts WHERE country = ?', ['CN']),
    );
    expect(fullScans).not.toEqual([]);
  });

  it('when lookups of every shape run, including crowded ones that are counted, then each statement uses an index', async () => {
    const jose = await arrangeCrowd();
    const c = await signedIn(t, 'agent');
    const plans = planner();
    const recorder = plans.record();
    const bodies = [
      {
        fullName: 'Jose Nunez',
        phone: '+86 138 1234 5678',
        email: 'a@example.com',
        dateOfBirth: '05/03/1990',
        accountNumber: 'OK 1234 567 890',
        nationalIdLast4: '1234',
      },
      { dateOfBirth: '1970-01-01' },
      { fullName: 'Wang' },
      { fullName: 'Wei Wang' },
      { nationalIdLast4: '4321', fullName: 'Wang Wei' },
      // Chinese, pinyin, partial and transliterated names (name_latin_key, the word index on both columns).
      { fullName: '王偉', dateOfBirth: '1970-01-01' },
      { fullName: 'wangwei' },
      { fullName: 'Wáng Wěi', phone: '138 1234 5678' },
      { fullName: '王' },
      { fullName: '小明' },
      { fullName: 'xiao ming' },
      { fullName: 'Ivan Petrov' },
    ];
    try {
      for (const body of bodies) expect((await c.post('/api/lookup', body)).status).toBe(200);
      await c.get(`/api/accounts/${jose.account.id}`);
    } finally {
      recorder.stop();
    }

    const lookupStatements = recorder.seen.filter((r) => /\baccounts(_name_fts)?\b/.test(r.sql));
    const nameWords = lookupStatements.filter((r) => plans.nameWordsSql.test(r.sql));
    expect(nameWords.length).toBeGreaterThan(0);
    expect(nameWords.some((r) => /count\(/i.test(r.sql))).toBe(true);
    expect(lookupStatements.some((r) => /count\(/i.test(r.sql) && !plans.nameWordsSql.test(r.sql))).toBe(
      true,
    );
    for (const r of lookupStatements) {
      const { plan, fullScans } = await plans.explain(r);
      expect(fullScans, `${r.sql}\n${plan}`).toEqual([]);
      expect(plan, r.sql).toMatch(plans.indexUse);
    }
    // A birthday's or a last 4's accounts are scored by name from the detail's index (drizzle 0026 / pg
    // 0019): on SQLite the statement never reads the table; PostgreSQL reads the same index.
    const named = lookupStatements.filter((r) =>
      /^SELECT id, name_key AS "?nameKey"?, name_latin_key/.test(r.sql),
    );
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const r of named) {
      const { plan } = await plans.explain(r);
      expect(plan, r.sql).toMatch(
        TEST_ENGINE === 'pg'
          ? /using accounts_(date_of_birth|national_id_last4)_names/
          : /USING COVERING INDEX accounts_(date_of_birth|national_id_last4)_names/,
      );
    }
    if (TEST_ENGINE === 'pg') {
      // The name-word probe and its count use the GIN index of drizzle/pg/0002_name_search.sql: the
      // query's expression is db/pgSearch.ts's, word for word.
      for (const r of nameWords)
        expect((await plans.explain(r)).plan, r.sql).toMatch(/using accounts_name_words/);
    }
  });

  it('when 150 namesakes match the name, then the lookup reads the rows of the 20 it shows, not of all 150', async () => {
    await insertCrowd(t, 150, () => ({ fullName: 'Chen Jing' }));
    const c = await signedIn(t, 'agent');
    const plans = planner();
    const recorder = plans.record();
    try {
      const res = await c.post('/api/lookup', { fullName: 'Chen Jing' });
      expect(res.body).toHaveLength(20);
      expect(res.headers['x-too-many-matches']).toBe('150');
    } finally {
      recorder.stop();
    }
    // Row reads take the ids as one JSON array parameter (lookupRepo.ts); the probes read ids only.
    const rowReads = recorder.seen
      .filter((r) => /\bFROM accounts WHERE id\b/.test(r.sql))
      .map((r) => JSON.parse(String(r.params[0])) as number[]);
    expect(rowReads.length).toBeGreaterThan(0);
    expect(rowReads.flat()).toHaveLength(20);
  });

  it('when an account view and its activity lists run, then each statement uses an index', async () => {
    const { account } = await createAccount(t);
    await addLoginEvent(t, account.id, { outcome: 'failure' });
    await addDevice(t, account.id);
    await addTransactions(t, account.id, [1, 2, 3, 4, 5, 6]);
    await t.deps.db
      .update(accounts)
      .set({ status: 'locked', lockReason: 'failed_attempts', lockedAt: t.deps.now() })
      .where(eq(accounts.id, account.id));
    await analyze();
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const plans = planner();
    const recorder = plans.record();
    const filter = encodeURIComponent(JSON.stringify({ accountId: account.id, caseId: kase.id }));
    try {
      await c.get(`/api/accounts/${account.id}`);
      await c.get(`/api/accounts?filter=${encodeURIComponent(JSON.stringify({ id: [account.id] }))}`);
      for (const resource of ['login-events', 'devices', 'transactions']) {
        expect((await c.get(`/api/${resource}?filter=${filter}`)).status).toBe(200);
      }
    } finally {
      recorder.stop();
    }
    const reads = recorder.seen.filter((r) => /\b(accounts|login_events|devices|transactions)\b/.test(r.sql));
    expect(reads.length).toBeGreaterThan(6);
    for (const r of reads) {
      const { plan, fullScans } = await plans.explain(r);
      expect(fullScans, `${r.sql}\n${plan}`).toEqual([]);
    }
  });
});
