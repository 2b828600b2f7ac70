import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameForms } from '../src/policy/normalize';
import { addDevice, addLoginEvent, addTransactions, createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Speed at a million accounts comes from indexes, and a missing one only shows at scale. So every
 * statement the lookup and the account views issue is replayed under EXPLAIN QUERY PLAN, with
 * its real parameters, and must reach rows through an index: no full scan of a table.
 */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Recorded = { sql: string; params: unknown[] };

/** Records what better-sqlite3 runs (drizzle prepares every query through it). */
function recordStatements(sqlite: Database.Database) {
  const seen: Recorded[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
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
  return { seen, explain: (r: Recorded) => planOf(prepare, r), stop: () => (sqlite.prepare = prepare) };
}

function planOf(prepare: Database.Database['prepare'], r: Recorded): string[] {
  const rows = prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.params) as { detail: string }[];
  return rows.map((row) => row.detail);
}

/** A full pass over a table or an index; an FTS5 MATCH shows as a virtual-table scan with an 'M' index. */
function fullScans(plan: string[]): string[] {
  return plan.filter((line) =>
    /^SCAN (?!\w+ VIRTUAL TABLE INDEX \d+:M)(accounts|login_events|devices|transactions|staff)\b/.test(line),
  );
}

async function arrangeCrowd() {
  const jose = await createAccount(t, { fullName: 'José Núñez', accountNumber: 'OK1234567890' });
  const insert = t.deps.sqlite!.prepare(
    `INSERT INTO accounts (account_number, full_name, name_key, name_latin, name_latin_key, date_of_birth, phone,
      email, email_norm, national_id_hash, national_id_last4, country, password_hash)
     VALUES (?, ?, ?, ?, ?, '1970-01-01', ?, ?, ?, 'h', '4321', 'CN', 'x')`,
  );
  t.deps.sqlite!.transaction(() => {
    // Crowds of Latin and Chinese namesakes, so the name probes overflow and are counted.
    for (let i = 0; i < 460; i++) {
      const f = nameForms(i % 2 ? 'Wei Wang' : '王伟');
      insert.run(
        `OK${7000000000 + i}`,
        i % 2 ? 'Wei Wang' : '王伟',
        f.nameKey,
        f.nameLatin,
        f.nameLatinKey,
        `+1555${i}`,
        `w${i}@x`,
        `w${i}@x`,
      );
    }
  })();
  return jose;
}

describe('query plans', () => {
  it('when the checker sees an unindexed filter, then it reports the scan (the test can fail)', () => {
    const plan = planOf(t.deps.sqlite!.prepare.bind(t.deps.sqlite!), {
      sql: 'SELECT id FROM accounts WHERE country = ?',
      params: ['CN'],
    });
    expect(fullScans(plan)).not.toEqual([]);
  });

  it('when lookups of every shape run, including crowded ones that are counted, then each statement uses an index', async () => {
    const jose = await arrangeCrowd();
    const c = await signedIn(t, 'agent');
    const recorder = recordStatements(t.deps.sqlite!);
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
    for (const body of bodies) expect((await c.post('/api/lookup', body)).status).toBe(200);
    await c.get(`/api/accounts/${jose.account.id}`);
    recorder.stop();

    const lookupStatements = recorder.seen.filter((r) => /\baccounts(_name_fts)?\b/.test(r.sql));
    expect(lookupStatements.some((r) => r.sql.includes('MATCH'))).toBe(true);
    expect(lookupStatements.some((r) => /count\(/i.test(r.sql))).toBe(true);
    for (const r of lookupStatements) {
      const plan = recorder.explain(r);
      expect(fullScans(plan), `${r.sql}\n${plan.join('\n')}`).toEqual([]);
      expect(plan.join('\n'), r.sql).toMatch(
        /USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY)|VIRTUAL TABLE INDEX \d+:M/,
      );
    }
  });

  it('when an account view and its activity lists run, then each statement uses an index', async () => {
    const { account } = await createAccount(t);
    await addLoginEvent(t, account.id, { outcome: 'failure' });
    await addDevice(t, account.id);
    await addTransactions(t, account.id, [1, 2, 3, 4, 5, 6]);
    t.deps
      .sqlite!.prepare(
        "UPDATE accounts SET status = 'locked', lock_reason = 'failed_attempts', locked_at = ? WHERE id = ?",
      )
      .run(t.deps.now(), account.id);
    const c = await signedIn(t, 'agent');
    const kase = await openCase(c, account.id);
    const recorder = recordStatements(t.deps.sqlite!);
    const filter = encodeURIComponent(JSON.stringify({ accountId: account.id, caseId: kase.id }));
    await c.get(`/api/accounts/${account.id}`);
    await c.get(`/api/accounts?filter=${encodeURIComponent(JSON.stringify({ id: [account.id] }))}`);
    for (const resource of ['login-events', 'devices', 'transactions']) {
      expect((await c.get(`/api/${resource}?filter=${filter}`)).status).toBe(200);
    }
    recorder.stop();
    const reads = recorder.seen.filter((r) => /\b(accounts|login_events|devices|transactions)\b/.test(r.sql));
    expect(reads.length).toBeGreaterThan(6);
    for (const r of reads) {
      const plan = recorder.explain(r);
      expect(fullScans(plan), `${r.sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
