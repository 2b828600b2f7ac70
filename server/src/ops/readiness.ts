import { desc, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { chainHash } from '../audit/chain';
import { migrationsFolder } from '../db/client';
import { type PgDb, pgMigrationsFolder } from '../db/pg';
import { DESK_WRITE_LOCK } from '../db/pgEngine';
import { firstRow, isPg, rawGet } from '../db/rows';
import { auditEvents } from '../db/tables';
import type { AppDeps } from '../deps';
import { deliveryWorkerStatus, LEASE_MS } from '../messages/delivery';
import { drainingSince } from './lifecycle';

export type Check = { ok: boolean; problem?: string };
export type Readiness = {
  status: 'ready' | 'not_ready';
  /** One line per failed check, for people; `checks` is for machines. */
  problems: string[];
  checks: Record<'database' | 'migrations' | 'outbox' | 'auditKey' | 'accepting', Check>;
};

const ok: Check = { ok: true };
const fail = (problem: string): Check => ({ ok: false, problem });

/**
 * PostgreSQL: a write transaction that takes the desk's write lock (db/pgEngine.ts) and rolls back. A
 * standby refuses the transaction id; a writer holding the lock makes the probe give up after 250 ms
 * (lock_timeout), as SQLite's probe does with its busy timeout, instead of hanging the load balancer.
 */
async function writableOnPg(deps: AppDeps): Promise<Check> {
  try {
    await (deps.db as unknown as PgDb).transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '250ms'`);
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${DESK_WRITE_LOCK})`);
      await tx.execute(sql`SELECT txid_current()`);
      throw new ProbeDone();
    });
  } catch (error) {
    if (error instanceof ProbeDone) return ok;
    const { code, message } = pgError(error);
    // 55P03 lock_not_available: worded like SQLite's SQLITE_BUSY, so both engines read the same.
    if (code === '55P03') return fail('database is not writable: database is locked by another writer');
    return fail(`database is not writable: ${message}`);
  }
  return ok;
}

/** drizzle wraps the driver's error ("Failed query: …") and keeps pg's own as its cause. */
function pgError(error: unknown): { code?: string; message: string } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return {
    code: cause?.code ?? (error as { code?: string }).code,
    message: cause?.message ?? String((error as Error).message),
  };
}

class ProbeDone extends Error {}

/** Takes the write lock and lets it go: proves the file is writable and no other process holds it. */
async function databaseCheck(deps: AppDeps): Promise<Check> {
  const { sqlite } = deps;
  if (!sqlite) return writableOnPg(deps);
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  // A probe must answer fast: wait a little for a writer, not the app's full busy timeout.
  sqlite.pragma('busy_timeout = 250');
  try {
    if (sqlite.inTransaction) return ok;
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
    return ok;
  } catch (error) {
    return fail(`database is not writable: ${(error as Error).message}`);
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/** The newest migration each engine's journal ships (read once): drizzle/ for SQLite, drizzle/pg/ for PostgreSQL. */
const expectedMigrations = new Map<'sqlite' | 'pg', number>();

function expectedMigrationFor(engine: 'sqlite' | 'pg'): number {
  let expected = expectedMigrations.get(engine);
  if (expected === undefined) {
    const folder = engine === 'pg' ? pgMigrationsFolder() : migrationsFolder();
    expected = Math.max(0, ...readMigrationFiles({ migrationsFolder: folder }).map((m) => m.folderMillis));
    expectedMigrations.set(engine, expected);
  }
  return expected;
}

async function migrationsCheck(deps: AppDeps): Promise<Check> {
  const engine = isPg(deps.db) ? 'pg' : 'sqlite';
  const expectedMigration = expectedMigrationFor(engine);
  // drizzle's migrator keeps its journal in the database: PostgreSQL's in its own `drizzle` schema.
  const applied = (await rawGet<{ at: number | null; n: number }>(deps.db, {
    sqlite: 'SELECT max(created_at) AS at, count(*) AS n FROM __drizzle_migrations',
    pg: 'SELECT max(created_at) AS at, count(*) AS n FROM drizzle.__drizzle_migrations',
  }))!;
  if ((applied.at ?? 0) >= expectedMigration) return ok;
  return fail(
    `database schema is behind the code: ${applied.n} migrations applied, latest from ${new Date(applied.at ?? 0).toISOString()}, code expects one from ${new Date(expectedMigration).toISOString()}`,
  );
}

function outboxCheck(deps: AppDeps, now: number): Check {
  const worker = deliveryWorkerStatus(deps);
  if (!worker.started) return fail('outbox worker is not running');
  if (worker.stopped) return fail('outbox worker is stopped');
  const silentFor = now - (worker.lastTickAt ?? 0);
  if (silentFor > Math.max(3 * worker.intervalMs, 10_000)) {
    return fail(`outbox worker has not run for ${Math.round(silentFor / 1000)} s`);
  }
  if (worker.runningSince !== null && now - worker.runningSince > LEASE_MS) {
    return fail(`outbox delivery run stuck for ${Math.round((now - worker.runningSince) / 1000)} s`);
  }
  return ok;
}

/** The key is there and is the one the trail was written with: the latest row's HMAC matches. */
async function auditKeyCheck(deps: AppDeps): Promise<Check> {
  if (deps.keys.auditKey.length < 32) return fail('audit key is missing or shorter than 32 bytes');
  const last = await firstRow(deps.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1));
  if (!last) return ok;
  const { id, hash, ...fields } = last;
  if (chainHash(deps.keys.auditKey, fields.prevHash, fields) !== hash) {
    return fail(`audit key does not match the audit trail (latest row ${id}): wrong AUDIT_KEY or key file`);
  }
  return ok;
}

function acceptingCheck(deps: AppDeps): Check {
  const since = drainingSince(deps);
  return since === null ? ok : fail('shutting down: finishing requests in flight');
}

/** `GET /api/ready`: everything a load balancer should know before sending this process work. */
export async function readiness(deps: AppDeps): Promise<Readiness> {
  const now = Date.now();
  const run = async (check: () => Check | Promise<Check>): Promise<Check> => {
    try {
      return await check();
    } catch (error) {
      return fail((error as Error).message);
    }
  };
  const checks = {
    database: await run(() => databaseCheck(deps)),
    migrations: await run(() => migrationsCheck(deps)),
    outbox: await run(() => outboxCheck(deps, now)),
    auditKey: await run(() => auditKeyCheck(deps)),
    accepting: await run(() => acceptingCheck(deps)),
  };
  const problems = Object.values(checks).flatMap((c) => (c.problem ? [c.problem] : []));
  return { status: problems.length ? 'not_ready' : 'ready', problems, checks };
}
