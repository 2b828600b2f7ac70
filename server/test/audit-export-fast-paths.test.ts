import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditFilter, listAuditEvents } from '../src/audit/auditRepo';
import { csvFormat } from '../src/audit/csv';
import { type LabelledAuditEvent, maskedName } from '../src/audit/labels';
import { exportCsv, runReadTask, sqliteExportStatement } from '../src/audit/readTasks';
import { maskName } from '../src/policy/mask';
import { itSqliteOnly } from './engine/testDatabase';
import { createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * The whole-trail export takes short cuts per row (a name masked without regex, a time formatted from the
 * day it falls in, cells remembered per value); each must answer exactly what the plain way answers.
 */
describe('export fast paths', () => {
  it.each([
    'John Smith',
    '王小明',
    'José  García',
    ' Ann Lee',
    'Ann Lee ',
    '',
    '   ',
    'A',
    'Zoë Ørsted-Łukasz',
    'Mary\tAnn',
    'Ana\u00a0María',
    'Ann\u3000Lee',
    '😀 Smile',
    '김민준 Park',
    'x'.repeat(80),
    'O\u0301scar',
  ])('when an account is named %j, then the export masks it as maskName does', (name) => {
    expect(maskedName(name)).toBe(maskName(name));
  });

  const row = (at: number): LabelledAuditEvent => ({
    id: 7,
    at,
    actorId: null,
    actorUsername: null,
    actorRole: null,
    action: 'account.view',
    targetType: null,
    targetId: null,
    caseId: null,
    reason: null,
    outcome: 'success',
    ip: null,
    userAgent: null,
    requestId: null,
    details: '{}',
    prevHash: 'p',
    hash: 'h',
    actorName: null,
    account: null,
    targetName: null,
  });

  it.each([
    0, 1, 999, 86_399_999, 86_400_000, 1_794_067_983_031, 1_794_067_983_031.7, 253_402_300_799_999,
    253_402_300_800_000, -1, -86_400_001,
  ])('when an event happened at %d, then its time cell is its ISO-8601 UTC time', (at) => {
    const csv = csvFormat('en');
    // In time order and out of it: the remembered day must not leak into another.
    for (const t of [at, at + 1, at - 86_400_000, at]) {
      const iso = new Date(t).toISOString();
      expect(csv.line(row(t)).split(',')[1]).toBe(/^[-+]/.test(iso) ? `'${iso}` : iso);
    }
  });
});

describe('the SQLite export statement', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  itSqliteOnly(
    'when targets are spelled oddly or reached through a case, then the joined statement labels every row as labelInPlace does, in both languages',
    "it compares the read worker's SQLite statement with the batch labelling PostgreSQL uses",
    async () => {
      const { account: a } = await createAccount(t, { fullName: '王小明' });
      const { account: b } = await createAccount(t, { fullName: 'Ann  Lee' });
      const agent = await signedIn(t, 'agent');
      const kase = await openCase(agent, b.id);
      const staffId = agent.member.id;
      const sqlite = t.deps.sqlite!;
      const insert = sqlite.prepare(
        `INSERT INTO audit_events (at, actor_id, actor_username, actor_role, action, target_type, target_id, case_id,
           reason, outcome, ip, user_agent, request_id, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'success', NULL, NULL, NULL, '{}', 'p', 'h')`,
      );
      const targets: [string | null, string | null, number | null][] = [
        ['account', String(a.id), null],
        ['account', ` ${a.id} `, null],
        ['account', `${a.id}.0`, null],
        ['account', `0x${a.id.toString(16)}`, null],
        ['account', `${a.id}abc`, null],
        ['account', '', null],
        ['account', null, kase.id],
        ['account', '999999', null],
        ['case', String(kase.id), kase.id],
        [null, null, kase.id],
        ['staff', String(staffId), kase.id],
        ['staff', `${staffId}.0`, null],
        ['staff', '0', null],
        ['device', '7', 999_999],
      ];
      let at = t.deps.now();
      for (const [type, id, caseId] of targets) {
        insert.run(
          at++,
          staffId,
          agent.member.username,
          'agent',
          'account.view',
          type,
          id,
          caseId,
          '=cmd, "x"',
        );
        insert.run(at++, null, 'customer', null, 'wallet.login', type, id, caseId, null);
        insert.run(at++, 0, null, null, 'job.run', type, id, caseId, null);
      }
      const rows = (
        await listAuditEvents(t.deps.db, {
          filter: {},
          sort: 'at',
          order: 'asc',
          offset: 0,
          limit: 1_000,
        })
      ).rows;
      for (const lang of ['en', 'zh'] as const) {
        let joined = '';
        await runReadTask(sqlite, t.deps.keys.auditKey, { kind: 'export', filter: {}, lang }, async (c) => {
          joined += c;
        });
        let batched = '';
        await exportCsv(t.deps.db, [rows], lang, async (c) => {
          batched += c;
        });
        expect(joined).toBe(batched);
        expect(joined).toContain(a.accountNumber);
      }
    },
  );
});

describe('the SQLite export plan', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  const filters: Record<string, AuditFilter> = {
    'the whole trail': {},
    'an actor': { actorId: 3 },
    'a time range': { from: 1_000, to: 90_000 },
    words: { q: 'refund' },
  };
  for (const [name, filter] of Object.entries(filters))
    itSqliteOnly(
      `when exporting ${name}, then the rows come from an index walk in order and each account by its primary key`,
      'EXPLAIN QUERY PLAN of the read worker’s SQLite statement',
      () => {
        const { sql, params } = sqliteExportStatement(filter);
        const plan = (
          t.deps.sqlite!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
        ).map((r) => r.detail);
        expect(plan.filter((line) => /TEMP B-TREE|MATERIALIZE|^SCAN (acc|c)\b/.test(line))).toEqual([]);
        expect(plan).toContain('SEARCH acc USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
        expect(plan).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
      },
    );
});
