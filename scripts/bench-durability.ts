import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../server/src/audit/writer';
import { createDb, inTransaction } from '../server/src/db/client';
import { accounts } from '../server/src/db/tables';
import { loadKeys } from '../server/src/keys';
import { DEFAULT_STAFF_PASSWORD, seedDatabase } from './seed/run';

const COMMANDS = 1_500;

/**
 * What `PRAGMA synchronous = FULL` costs: the shape of every audited command (one account row
 * changed and its audit row appended in one IMMEDIATE transaction, committed one by one as
 * requests commit them) on the same seeded file under NORMAL and under FULL, in the same run.
 */
async function commandsPerSecond(dbFile: string, synchronous: 'NORMAL' | 'FULL'): Promise<number> {
  const { db, sqlite, close } = createDb(dbFile);
  sqlite.pragma(`synchronous = ${synchronous}`);
  const keys = loadKeys(dbFile, {});
  const ctx = {
    actor: { id: 1, username: 'bench', role: 'agent' as const },
    ip: '127.0.0.1',
    userAgent: 'bench',
    requestId: null,
    auditKey: keys.auditKey,
    now: Date.now,
  };
  const started = process.hrtime.bigint();
  for (let i = 0; i < COMMANDS; i++) {
    const id = (i % 100) + 1;
    await inTransaction(db, async (tx) => {
      await tx
        .update(accounts)
        .set({ version: sql`${accounts.version} + 1`, updatedAt: Date.now() })
        .where(eq(accounts.id, id));
      await appendAudit(tx, ctx, {
        action: 'bench.command',
        outcome: 'success',
        targetType: 'account',
        targetId: id,
      });
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  close();
  return Math.round(COMMANDS / seconds);
}

/**
 * `npm run bench:durability`: prints both rates and their ratio as a table and one JSON line
 * (the README and the issue note quote it).
 */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'rd-bench-durability-'));
  const dbFile = join(dir, 'bench.db');
  try {
    await seedDatabase({
      dbFile,
      accounts: 200,
      seed: 3,
      staffPassword: DEFAULT_STAFF_PASSWORD,
      staffTotpSecret: null,
      reset: true,
      now: Date.now(),
      progress: false,
    });
    await commandsPerSecond(dbFile, 'FULL'); // warm the file and the page cache
    const normal = await commandsPerSecond(dbFile, 'NORMAL');
    const full = await commandsPerSecond(dbFile, 'FULL');
    const ratio = Math.round((full / normal) * 100) / 100;
    process.stdout.write(
      `audited commands/s (${COMMANDS} commits each, one account update + one audit row)\n` +
        `  synchronous=NORMAL        ${normal}\n` +
        `  synchronous=FULL (ours)   ${full}\n` +
        `  FULL / NORMAL             ${ratio}\n` +
        `${JSON.stringify({ normal, full, ratio })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
