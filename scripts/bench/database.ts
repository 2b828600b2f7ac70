import { existsSync } from 'node:fs';
import { type AuditContext, appendAudit } from '../../server/src/audit/writer';
import { createDb, inTransaction } from '../../server/src/db/client';
import { loadKeys } from '../../server/src/keys';
import type { AuditAction } from '../../shared/domain';
import { bulkLoadPragmas, withIndexesBuiltAfter } from '../lib/bulkLoad';
import { DEFAULT_STAFF_PASSWORD, seedDatabase } from '../seed/run';

/**
 * The benchmark's database: N seeded accounts plus M audit events written through the real audit
 * writer (appendAudit, one chained row at a time), so verifying it checks a real chain. Reused when it already holds what was asked; extended when only events are short.
 */

export type BuildReport = { seedSeconds: number | null; auditSeconds: number | null; reused: boolean };

const DAY_MS = 86_400_000;
const ACTIONS = [
  ['account.lookup', 40],
  ['account.view', 28],
  ['case.open', 10],
  ['case.check', 12],
  ['account.hold', 3],
  ['account.unlock', 3],
  ['account.password_reset', 2],
  ['account.reveal', 2],
] as const;
const REASONS = [
  'caller locked out after travel',
  'customer asked to freeze the wallet',
  'forgot password, reset requested',
  '客户来电要求解锁账户',
  'verified by phone, unlocking',
];
const WEIGHTED = ACTIONS.flatMap(([action, weight]) => Array<AuditAction>(weight).fill(action));

function counts(dbFile: string) {
  const handle = createDb(dbFile, { migrate: false });
  try {
    const one = (sql: string) => (handle.sqlite.prepare(sql).get() as { n: number }).n;
    return {
      accounts: one('SELECT count(*) AS n FROM accounts'),
      auditEvents: one('SELECT count(*) AS n FROM audit_events'),
    };
  } catch {
    return { accounts: -1, auditEvents: -1 };
  } finally {
    handle.close();
  }
}

/** A small deterministic generator (mulberry32): the same database for the same sizes. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function appendEvents(dbFile: string, accounts: number, from: number, to: number) {
  const handle = createDb(dbFile);
  bulkLoadPragmas(handle.sqlite);
  const keys = loadKeys(dbFile, {});
  const rnd = random(from + 1);
  const staff = handle.sqlite.prepare('SELECT id, username, role FROM staff ORDER BY id').all() as {
    id: number;
    username: string;
    role: 'agent' | 'supervisor';
  }[];
  // Twenty agents' worth of activity: the demo staff plus synthetic members (ids above theirs).
  const actors = [
    ...staff,
    ...Array.from({ length: 16 }, (_, i) => ({
      id: 1000 + i,
      username: `bench-agent-${i}`,
      role: 'agent' as const,
    })),
  ];
  const total = to;
  const span = 30 * DAY_MS;
  const start = Date.now() - span;
  let i = from;
  const ctx: AuditContext = {
    actor: null,
    ip: '10.0.0.1',
    userAgent: 'Mozilla/5.0 (bench)',
    requestId: null,
    auditKey: keys.auditKey,
    // Times grow with ids across the last 30 days, as a live trail's do.
    now: () => start + Math.floor((i / total) * span),
  };
  // Each event still goes through appendAudit (previous hash read, HMAC, insert, daily counter), in
  // big transactions; the trail's indexes and its FTS table are built once after the load.
  const BATCH = 20_000;
  const appendBatch = (end: number) =>
    inTransaction(handle.db, async (tx) => {
      for (; i < end; i++) {
        ctx.actor = actors[Math.floor(rnd() * actors.length)]!;
        ctx.requestId = `bench-${i}`;
        const action = WEIGHTED[Math.floor(rnd() * WEIGHTED.length)]!;
        const r = rnd();
        const command = action !== 'account.lookup' && action !== 'account.view';
        await appendAudit(tx, ctx, {
          action,
          outcome: r < 0.93 ? 'success' : r < 0.99 ? 'denied' : 'error',
          targetType: action === 'account.lookup' ? undefined : 'account',
          targetId: action === 'account.lookup' ? undefined : 1 + Math.floor(rnd() * accounts),
          caseId: command ? 1 + Math.floor(rnd() * 50_000) : null,
          reason: command ? REASONS[Math.floor(rnd() * REASONS.length)]! : null,
          details: action === 'account.lookup' ? { fields: ['fullName', 'phone'], results: 1 } : {},
        });
      }
    });
  try {
    await withIndexesBuiltAfter(
      handle.sqlite,
      { table: 'audit_events', fts: 'audit_events_fts' },
      async () => {
        while (i < to) {
          await appendBatch(Math.min(i + BATCH, to));
          if (process.stderr.isTTY) process.stderr.write(`\r  audit events ${i}/${to}`);
        }
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    handle.sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    handle.close();
  }
}

export async function ensureBenchDatabase(o: {
  dbFile: string;
  accounts: number;
  auditEvents: number;
}): Promise<BuildReport> {
  const have = existsSync(o.dbFile) ? counts(o.dbFile) : { accounts: -1, auditEvents: -1 };
  let seedSeconds: number | null = null;
  let auditSeconds: number | null = null;
  let existing = have.auditEvents;
  if (have.accounts !== o.accounts) {
    process.stderr.write(`bench: seeding ${o.accounts} accounts into ${o.dbFile}...\n`);
    const summary = await seedDatabase({
      dbFile: o.dbFile,
      accounts: o.accounts,
      seed: 1,
      staffPassword: DEFAULT_STAFF_PASSWORD,
      staffTotpSecret: null,
      reset: true,
      now: Date.now(),
      progress: process.stderr.isTTY === true,
    });
    seedSeconds = summary.seconds;
    existing = counts(o.dbFile).auditEvents;
  }
  if (existing < o.auditEvents) {
    process.stderr.write(`bench: appending ${o.auditEvents - existing} audit events through the writer...\n`);
    const started = performance.now();
    await appendEvents(o.dbFile, o.accounts, existing, o.auditEvents);
    auditSeconds = (performance.now() - started) / 1000;
  }
  return { seedSeconds, auditSeconds, reused: seedSeconds === null && auditSeconds === null };
}
