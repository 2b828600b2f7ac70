import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { type AuditFilter, auditListStatements, listAuditEvents } from '../server/src/audit/auditRepo';
import { findCandidates } from '../server/src/lookup/lookup';
import { parseLookup } from '../server/src/lookup/lookupQuery';
import { dashboardRows } from './bench/dashboards';
import { ensureBenchDatabase } from './bench/database';
import { durableCommits, microseconds, microsecondsAwaited, rawSql } from './bench/floors';
import { allAnswered, cycle, type LoadResult, load } from './bench/load';
import { lookupQualityRows } from './bench/lookupQuality';
import {
  type BenchPg,
  enrolBenchStaffPg,
  keysOf,
  pgDurableCommits,
  pgRawSql,
  pgReader,
  preparePg,
} from './bench/postgres';
import { compareRows, printComparison, printTable, type Row, writeReport } from './bench/report';
import { BENCH_TOTP_SECRET, type BenchTarget, postJson, signIn, startServer } from './bench/server';
import { intOption, parseCli, runCli, UsageError } from './lib/cli';
import { DEFAULT_STAFF_PASSWORD } from './seed/run';

const USAGE = `
Usage: npm run bench -- [options]
       npm run bench -- lookup     (only the lookup-quality set: recall@1 and recall@3)
       npm run bench -- dashboards [options]  (only the floor and the dashboard endpoints)

Builds (or reuses) a database, starts the real server on it, signs in and drives it with autocannon;
measures in the same run the floors (/api/auth/me, and the raw SQL of each query through better-sqlite3,
or through a pg client on PostgreSQL); prints one table and writes a JSON report. Targets are reported,
never asserted (exit 0 unless it breaks, or a scenario is answered with more than 1% non-2xx).

On PostgreSQL (--engine pg) the SQLite bench database is built as usual, then copied by npm run db:copy
into the database (a throw-away cluster with durable settings, removed at the end, unless --pg-url),
settled (VACUUM (ANALYZE), CHECKPOINT), and the server runs on DATABASE_URL with the SQLite file's keys.
With --engine both one run does both: the copy is made first, then every scenario runs on SQLite, then
on PostgreSQL (plus the --instances rows), so both start from the same rows; one table, each engine's
figures side by side (ratios to each engine's own floor), and one report.

Options:
  --db FILE             database to build or reuse (default data/bench/bench-<accounts>-<events>.db)
  --accounts N          customer accounts (default 1000000)
  --audit-events N      audit events written through the real audit writer (default 2000000)
  --seconds S           autocannon duration per scenario (default 10)
  --connections N       autocannon connections (default 20)
  --port N              server port (default 3290; a second instance takes the next one)
  --out FILE            JSON report (default bench/reports/latest.json, latest-pg.json, latest-both.json)
  --engine E            the server's database: sqlite (default), pg, or both (SQLite then PostgreSQL)
  --pg-url URL          with pg or both: an empty database to copy into, or one a previous run filled
                        (default: a throw-away cluster, fsync and synchronous_commit on)
  --instances N         with pg or both: also drive N server processes on the one PostgreSQL database
                        (1 or 2; default 1 with pg, 2 with both): the floor, the phone lookup and the
                        audited commands, load split
  -h, --help            show this help
`;

const OPTIONS = {
  db: { type: 'string' },
  accounts: { type: 'string' },
  'audit-events': { type: 'string' },
  seconds: { type: 'string' },
  connections: { type: 'string' },
  port: { type: 'string' },
  out: { type: 'string' },
  engine: { type: 'string' },
  'pg-url': { type: 'string' },
  instances: { type: 'string' },
} as const;

type Sample = {
  id: number;
  accountNumber: string;
  fullName: string;
  phone: string;
  email: string;
  dateOfBirth: string;
  nationalIdLast4: string;
  status: string;
  lockReason: string | null;
};

/** Seconds each measured path is driven, unmeasured, before its run (see warmUp). */
const WARM_UP_SECONDS = 2;

const LOOKUPS: { name: string; body: (a: Sample) => Record<string, string> }[] = [
  { name: 'lookup: account number', body: (a) => ({ accountNumber: a.accountNumber }) },
  { name: 'lookup: email', body: (a) => ({ email: a.email.toUpperCase() }) },
  { name: 'lookup: phone', body: (a) => ({ phone: a.phone }) },
  {
    name: 'lookup: name + date of birth',
    body: (a) => ({ fullName: a.fullName, dateOfBirth: a.dateOfBirth }),
  },
  {
    name: 'lookup: name + ID last 4',
    body: (a) => ({ fullName: a.fullName, nationalIdLast4: a.nationalIdLast4 }),
  },
  { name: 'lookup: name alone', body: (a) => ({ fullName: a.fullName }) },
];

const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Engine = 'sqlite' | 'pg';
const ENGINE_LABELS: Record<Engine, string> = { sqlite: 'SQLite', pg: 'PostgreSQL' };

/** One engine's part of the run: its rows, and what the machine was doing around it. */
type EnginePart = {
  engine: Engine;
  rows: Row[];
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  /** Wall time of the part, floors to CSV export (the copy and the build are setup rows). */
  seconds: number;
  peakRssMb?: number;
  otherInstancesPeakRssMb?: number[];
};

/**
 * A read connection of an engine, for the bench's own questions (samples, ids) in SQLite's spelling and
 * for the raw-SQL floors: better-sqlite3 on the file, or one pg client on the copy.
 */
type Reader = {
  ask: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  sqlite: Database.Database | null;
  pgClient: pg.Client | null;
  close: () => Promise<void>;
};

async function openReader(engine: Engine, dbFile: string, benchPg: BenchPg | null): Promise<Reader> {
  if (engine === 'sqlite') {
    const sqlite = new Database(dbFile, { readonly: true });
    return {
      ask: async <T>(sql: string, params: unknown[] = []) => sqlite.prepare(sql).all(...params) as T[],
      sqlite,
      pgClient: null,
      close: async () => {
        sqlite.close();
      },
    };
  }
  const pgRead = await pgReader(benchPg!.url);
  return { ask: pgRead.all, sqlite: null, pgClient: pgRead.client, close: pgRead.close };
}

runCli(USAGE, async () => {
  const { values, positionals } = parseCli(USAGE, OPTIONS, process.argv.slice(2), { positionals: true });
  const only = positionals.join(' ');
  if (only === 'dashboards') positionals.length = 0;
  if (positionals.length > 0) {
    if (positionals.join(' ') !== 'lookup')
      throw new UsageError(`unknown benchmark ${positionals.join(' ')}`);
    const rows = await lookupQualityRows();
    printTable(rows);
    writeReport(resolve(values.out ?? 'bench/reports/lookup-quality.json'), {
      at: new Date().toISOString(),
      rows,
    });
    return 0;
  }
  const accounts = intOption(values.accounts, 'accounts', 1_000_000, { min: 100 });
  const auditEvents = intOption(values['audit-events'], 'audit-events', 2_000_000, { min: 1_000 });
  const seconds = intOption(values.seconds, 'seconds', 10, { min: 1, max: 600 });
  const connections = intOption(values.connections, 'connections', 20, { min: 1, max: 1000 });
  const port = intOption(values.port, 'port', 3290, { min: 1, max: 65535 });
  const dbFile = resolve(values.db ?? `data/bench/bench-${accounts}-${auditEvents}.db`);
  const engine = values.engine ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'pg' && engine !== 'both')
    throw new UsageError('--engine must be sqlite, pg or both');
  // With both: SQLite's part, then PostgreSQL's, on one machine one after the other (never at once:
  // each part has the cores to itself); the copy is made before either (below).
  const engines: Engine[] = engine === 'both' ? ['sqlite', 'pg'] : [engine];
  const instances = intOption(values.instances, 'instances', engine === 'both' ? 2 : 1, { min: 1, max: 2 });
  if (engine === 'sqlite' && (instances > 1 || values['pg-url'] !== undefined))
    throw new UsageError('--instances and --pg-url need --engine pg or both (SQLite serves one process)');
  const suffix = engine === 'sqlite' ? '' : `-${engine}`;
  const out = resolve(
    values.out ??
      (only === 'dashboards'
        ? `bench/reports/dashboards${suffix}.json`
        : `bench/reports/latest${suffix}.json`),
  );

  const build = await ensureBenchDatabase({ dbFile, accounts, auditEvents });
  /** Rows of the run's preparation (build, copy): one each, whatever the engines. */
  const setup: Row[] = [];
  if (build.seedSeconds !== null) {
    setup.push({
      scenario: `seed ${accounts.toLocaleString('en-US')} accounts`,
      notes: `${build.seedSeconds.toFixed(1)} s (${Math.round(accounts / build.seedSeconds)} accounts/s)`,
      target: accounts === 1_000_000 ? '< 90 s' : undefined,
      met: accounts === 1_000_000 ? build.seedSeconds < 90 : undefined,
      extra: { seconds: build.seedSeconds },
    });
  }
  if (build.auditSeconds !== null) {
    setup.push({
      scenario: 'append audit events (writer)',
      notes: `${build.auditSeconds.toFixed(1)} s`,
      extra: { seconds: build.auditSeconds },
    });
  }

  // The staff's authenticator goes on the SQLite file first, so a PostgreSQL copy carries it too.
  enrolBenchStaff(dbFile);
  const parts: EnginePart[] = [];
  /** An engine that broke after an earlier one finished: the finished figures are still reported. */
  let failed: { engine: Engine; error: string } | null = null;
  let benchPg: BenchPg | null = null;
  try {
    // The copy is made before any engine runs (with --engine both, before the SQLite part's lookups,
    // cases and commands write to the file): both engines start from the same rows, and nothing the
    // SQLite part did is on PostgreSQL.
    if (engines.includes('pg')) {
      benchPg = await preparePg({ dbFile, url: values['pg-url'], accounts });
      if (benchPg.copy) {
        const { seconds: copySeconds, rows: copied, settleSeconds } = benchPg.copy;
        setup.push({
          scenario: 'db:copy SQLite -> PostgreSQL',
          notes: `${copied} rows in ${copySeconds.toFixed(1)} s (${Math.round(copied / copySeconds)} rows/s), chain verified on the target; then VACUUM (ANALYZE) + CHECKPOINT ${settleSeconds.toFixed(1)} s`,
          extra: { ...benchPg.copy, rowsPerSec: copied / copySeconds },
        });
      } else if (engines.length > 1)
        process.stderr.write(
          'bench: note: --pg-url already held the bench data (a previous copy, with its runs): the engines do not start from the same rows (sameStartingRows false in the report)\n',
        );
      await enrolBenchStaffPg(benchPg.url, BENCH_TOTP_SECRET);
    }

    // The same 200 customers on every engine: lookup bodies, account views and the accounts the
    // audited commands work, chosen once on the first engine's database (with --engine both the copy
    // holds the same rows).
    const first = await openReader(engines[0]!, dbFile, benchPg);
    let sample: Sample[];
    try {
      const top = (await first.ask<{ n: number }>('SELECT max(id) AS n FROM accounts'))[0]!.n;
      const sampleIds = Array.from({ length: 200 }, (_, i) => ((i * 2654435761) % top) + 1);
      sample = await first.ask<Sample>(
        `SELECT id, account_number AS accountNumber, full_name AS fullName, phone, email,
            date_of_birth AS dateOfBirth, national_id_last4 AS nationalIdLast4, status,
            lock_reason AS lockReason
           FROM accounts WHERE id IN (${sampleIds.join(',')}) ORDER BY id`,
      );
    } finally {
      await first.close();
    }

    for (const e of engines) {
      if (engines.length > 1) process.stderr.write(`bench: --- ${ENGINE_LABELS[e]} ---\n`);
      const target: BenchTarget =
        e === 'pg' ? { databaseUrl: benchPg!.url, keys: keysOf(dbFile) } : { dbFile };
      const reader = await openReader(e, dbFile, benchPg);
      try {
        parts.push(
          await runEngine({
            engine: e,
            target,
            reader,
            dbFile,
            sample,
            instances: e === 'pg' ? instances : 1,
            port,
            only,
            opts: { connections, seconds },
          }),
        );
      } catch (error) {
        // At 1,000,000 accounts the SQLite part alone takes many minutes: a PostgreSQL part that
        // breaks must not throw them away (the run still fails, below).
        if (parts.length === 0) throw error;
        failed = { engine: e, error: error instanceof Error ? error.message : String(error) };
        break;
      } finally {
        await reader.close();
      }
    }
  } finally {
    await benchPg?.stop();
  }

  const report: Record<string, unknown> = {
    at: new Date().toISOString(),
    node: process.version,
    engine,
    instances,
    dbFile,
    ...(benchPg
      ? { postgres: { settings: benchPg.settings, copy: benchPg.copy, ownCluster: !values['pg-url'] } }
      : {}),
    accounts,
    auditEvents,
    seconds,
    connections,
    build,
    ...(failed ? { failed } : {}),
  };
  const formatLoad = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ');
  if (engines.length === 1) {
    const [part] = parts as [EnginePart];
    const rows = [...setup, ...part.rows];
    Object.assign(report, {
      // The machine may be shared: ratios to the floors of the same run are what compare.
      loadAverageAtStart: part.loadAverageAtStart,
      results: rows,
      loadAverageAtEnd: part.loadAverageAtEnd,
      partSeconds: part.seconds,
      peakRssMb: part.peakRssMb,
      otherInstancesPeakRssMb: part.otherInstancesPeakRssMb,
    });
    printTable(rows);
  } else {
    const compared = compareRows(Object.fromEntries(parts.map((x) => [x.engine, x.rows])));
    // Per engine what the machine was doing around its part; per scenario each engine's whole row.
    Object.assign(report, {
      // The copy is made before the SQLite part writes anything, so both parts start from the same
      // rows; not so when --pg-url held a previous run's copy (no copy made in this run).
      order: ['db:copy', ...engines],
      sameStartingRows: benchPg?.copy != null,
      setup,
      engines: Object.fromEntries(parts.map(({ engine: e, rows: _rows, ...around }) => [e, around])),
      results: compared,
    });
    printComparison(setup, compared, Object.fromEntries(engines.map((e) => [e, ENGINE_LABELS[e]])));
  }
  for (const part of parts) {
    process.stdout.write(
      `${ENGINE_LABELS[part.engine]}: ${part.seconds.toFixed(0)} s; load average (1, 5, 15 min) at start ${formatLoad(part.loadAverageAtStart)}, at end ${formatLoad(part.loadAverageAtEnd)}; server peak RSS ${Math.round(part.peakRssMb ?? Number.NaN)} MB\n`,
    );
  }
  process.stdout.write(`report: ${out}\n`);
  writeReport(out, report);
  // A scenario answered mostly with refusals measures the refusal, not the feature: the bench fails
  // (the CI smoke run too), so a sign-in or route change cannot leave it timing 401s.
  const refused = parts.flatMap((part) =>
    part.rows
      .filter((r) => {
        const x = r.extra as { non2xx?: number; requests?: number } | undefined;
        return x?.requests && (x.non2xx ?? 0) > x.requests * 0.01;
      })
      .map((r) => (parts.length > 1 ? `${r.scenario} [${ENGINE_LABELS[part.engine]}]` : r.scenario)),
  );
  if (refused.length)
    process.stderr.write(`bench: FAILED, more than 1% non-2xx answers in: ${refused.join('; ')}\n`);
  if (failed)
    process.stderr.write(
      `bench: FAILED on ${ENGINE_LABELS[failed.engine]}: ${failed.error} (the figures before it are in the report)\n`,
    );
  return refused.length || failed ? 1 : 0;
});

/**
 * Every scenario on one engine: its server (and, on PostgreSQL, its other instances) started on its
 * database, its floors measured in the same part, each HTTP figure also as a ratio to that floor.
 */
async function runEngine(o: {
  engine: Engine;
  target: BenchTarget;
  reader: Reader;
  dbFile: string;
  sample: Sample[];
  instances: number;
  port: number;
  only: string;
  opts: { connections: number; seconds: number };
}): Promise<EnginePart> {
  const { reader, sample, opts } = o;
  const { ask, sqlite, pgClient } = reader;
  const rows: Row[] = [];
  const started = performance.now();
  const part: EnginePart = {
    engine: o.engine,
    rows,
    loadAverageAtStart: loadavg(),
    loadAverageAtEnd: [],
    seconds: 0,
  };
  // Floors in-process: the same statements the server runs, prepared once, on a read connection of the
  // server's engine (better-sqlite3, or one pg client).
  const at = (i: number) => sample[i % sample.length]!;
  const phoneProbeUs = pgClient
    ? await pgRawSql(pgClient, 'bench_phone', 'SELECT id FROM accounts WHERE phone = $1', (i) => [
        at(i).phone,
      ])
    : rawSql(sqlite!, 'SELECT id FROM accounts WHERE phone = ?', (i) => [at(i).phone]);
  const accountRowUs = pgClient
    ? await pgRawSql(pgClient, 'bench_account', 'SELECT * FROM accounts WHERE id = $1', (i) => [at(i).id])
    : rawSql(sqlite!, 'SELECT * FROM accounts WHERE id = ?', (i) => [at(i).id]);
  const commitFloor = pgClient ? await pgDurableCommits(pgClient) : durableCommits(o.dbFile);
  // This process's tables are SQLite's (db/tables.ts chooses once, by DATABASE_URL): the domain's
  // in-process floor (findCandidates) is measured on SQLite only; on pg the raw probe is the floor.
  const readDeps = sqlite
    ? ({ db: (await import('drizzle-orm/better-sqlite3')).drizzle(sqlite) } as never)
    : null;
  const pgQueries = pgClient ? pgDrizzle({ client: pgClient }) : null;

  const server = await startServer(o.target, o.port);
  try {
    const agent = await signIn(server.base, 'agent', DEFAULT_STAFF_PASSWORD);
    const supervisor = await signIn(server.base, 'supervisor', DEFAULT_STAFF_PASSWORD);
    const run = (cookie: string, r: Parameters<typeof load>[2], bases: string[] = [server.base]) =>
      load(bases.length === 1 ? bases[0]! : bases, cookie, r, opts);
    // A path's first second runs cold (V8 has not compiled it yet): the 1 M run of this bench measured its
    // floor, the first scenario, at 587 req/s while /api/health right after gave 949. Each path that sets a
    // ratio or a target is driven unmeasured first.
    const warmUp = (cookie: string, r: Parameters<typeof load>[2]) =>
      load(server.base, cookie, r, { connections: opts.connections, seconds: WARM_UP_SECONDS });
    const httpRow = (scenario: string, r: LoadResult, extra: Partial<Row> = {}): Row => ({
      scenario,
      reqPerSec: r.reqPerSec,
      p50: r.p50,
      p99: r.p99,
      notes: r.non2xx || r.errors ? `${r.non2xx} non-2xx, ${r.errors} errors of ${r.requests}` : undefined,
      ...extra,
      extra: { ...r, ...extra.extra },
    });

    process.stderr.write('bench: floor /api/auth/me...\n');
    await warmUp(agent, { next: () => ({ path: '/api/auth/me' }) });
    const me = await run(agent, { next: () => ({ path: '/api/auth/me' }) });
    const floor = me.reqPerSec;
    rows.push(httpRow('GET /api/auth/me (floor)', me, { ofFloor: 1 }));
    const health = await run(agent, { next: () => ({ path: '/api/health' }) });
    rows.push(httpRow('GET /api/health', health, { ofFloor: health.reqPerSec / floor }));

    const staffId = async (name: string) =>
      (await ask<{ id: number }>('SELECT id FROM staff WHERE username = ?', [name]))[0]!.id;
    rows.push(
      ...(await dashboardRows(
        sqlite,
        (who, path) => run(who === 'agent' ? agent : supervisor, { next: () => ({ path }) }),
        httpRow,
        floor,
        await staffId('agent'),
      )),
    );
    if (o.only === 'dashboards') return part;

    for (const shape of LOOKUPS) {
      process.stderr.write(`bench: ${shape.name}...\n`);
      const bodies = sample.map(shape.body);
      const inProcessUs = readDeps
        ? await microsecondsAwaited(
            (i) => findCandidates(readDeps, parseLookup(bodies[i % bodies.length])),
            500,
          )
        : undefined;
      const lookups = () => ({
        method: 'POST' as const,
        next: cycle(bodies.map((body) => ({ path: '/api/lookup', body }))),
      });
      await warmUp(agent, lookups());
      const r = await run(agent, lookups());
      const ofFloor = r.reqPerSec / floor;
      rows.push(
        httpRow(shape.name, r, {
          ofFloor,
          sqlUs: inProcessUs,
          target: '>= 50% floor, p99 <= 15 ms',
          met: allAnswered(r) && ofFloor >= 0.5 && r.p99 <= 15,
        }),
      );
    }
    rows.push({ scenario: 'raw SQL: indexed phone probe', sqlUs: phoneProbeUs });
    rows.push({
      // One label on both engines (--engine both lines the rows up by it); the engine's setting in notes.
      scenario: 'raw SQL: one durable commit',
      reqPerSec: commitFloor.perSec,
      sqlUs: commitFloor.us,
      notes: `${pgClient ? `pg, synchronous_commit ${(commitFloor as { synchronousCommit?: string }).synchronousCommit}` : 'WAL, synchronous=FULL'}: the ceiling of any request that writes (lookups audit, commands commit once each)`,
      extra: commitFloor,
    });

    process.stderr.write('bench: account view...\n');
    const views = () => ({ next: cycle(sample.map((a) => ({ path: `/api/accounts/${a.id}` }))) });
    await warmUp(agent, views());
    const view = await run(agent, views());
    rows.push(
      httpRow('GET /api/accounts/:id', view, { ofFloor: view.reqPerSec / floor, sqlUs: accountRowUs }),
    );

    const [busiest] = await ask<{ id: number }>(
      'SELECT actor_id AS id FROM audit_events WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1',
    );
    const lastDayFrom = Date.now() - 86_400_000;
    const AUDIT_FILTERS: [string, AuditFilter][] = [
      ['no filter', {}],
      ['actor', { actorId: busiest?.id ?? (await staffId('agent')) }],
      ['action account.view', { action: 'account.view' }],
      ['outcome denied', { outcome: 'denied' }],
      ['target id alone', { targetId: String(sample[0]!.id) }],
      ['target type + id', { targetType: 'account', targetId: String(sample[1]!.id) }],
      ['case', { caseId: 7 }],
      ['last 24 h', { from: lastDayFrom }],
      ['text "unlocking"', { q: 'unlocking' }],
    ];
    for (const [name, filter] of AUDIT_FILTERS) {
      process.stderr.write(`bench: audit list ${name}...\n`);
      const listQuery = { filter, sort: 'at', order: 'desc', offset: 0, limit: 25 } as const;
      let sqlUs: number;
      if (pgQueries) {
        // What listAuditEvents sends on PostgreSQL, through the one raw client: free text alone is several
        // statements chosen as it goes (auditRepo.ts wordSearchPg), which no fixed pair of statements times.
        sqlUs = await microsecondsAwaited(() => listAuditEvents(pgQueries as never, listQuery), 200);
      } else {
        const statements = auditListStatements(listQuery);
        const pageStmt = sqlite!.prepare(statements.page.sql);
        const countStmt = sqlite!.prepare(statements.count.sql);
        sqlUs = microseconds(() => {
          pageStmt.all(...statements.page.params);
          countStmt.get(...statements.count.params);
        }, 200);
      }
      const query = `sort=${encodeURIComponent('["at","DESC"]')}&range=${encodeURIComponent('[0,24]')}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
      const r = await run(supervisor, { next: () => ({ path: `/api/audit-events?${query}` }) });
      rows.push(
        httpRow(`audit list: ${name}`, r, {
          ofFloor: r.reqPerSec / floor,
          sqlUs,
          target: 'p99 <= 30 ms',
          met: allAnswered(r) && r.p99 <= 30,
        }),
      );
    }

    // Audited commands: each connection works its own account (hold, then unlock, ...) through a case
    // verified to L2, with the version the last answer gave. The accounts are the sample's first ones an
    // agent may work, the same on every engine; each engine opens its own cases on its own database.
    process.stderr.write('bench: audited commands...\n');
    type Worked = { id: number; version: number; caseId: number; status: string };
    const worked: { id: number; caseId: number }[] = [];
    // Active accounts, and those on a customer-requested hold (what a previous run's hold leaves, and
    // an agent may lift: it starts with an unlock); other locks need a supervisor at L3.
    const candidates = sample
      .filter((s) => s.status === 'active' || (s.status === 'locked' && s.lockReason === 'customer_request'))
      .slice(0, opts.connections * 3);
    for (const a of candidates) {
      const opened = await postJson(server.base, agent, '/api/cases', {
        accountId: a.id,
        channel: 'phone',
        callerDetails: { fullName: a.fullName, phone: a.phone },
      });
      if (opened.status !== 201 && opened.status !== 200) continue;
      const caseId = opened.json!.id as number;
      const [amount] = await ask<{ amount: number }>(
        'SELECT amount FROM transactions WHERE account_id = ? ORDER BY at DESC LIMIT 1',
        [a.id],
      );
      if (amount) {
        await postJson(server.base, agent, `/api/cases/${caseId}/checks`, {
          factor: 'recent_transaction',
          value: amount.amount.toFixed(2),
        });
      }
      worked.push({ id: a.id, caseId });
    }
    /** One autocannon run of hold/unlock over the worked accounts, on the given servers. */
    const commandRun = async (bases: string[]) => {
      const pool: Worked[] = [];
      for (const w of worked) {
        const account = await fetch(`${bases[0]}/api/accounts/${w.id}`, { headers: { cookie: agent } });
        const view = (await account.json()) as { version: number; status: string };
        pool.push({ ...w, version: view.version, status: view.status });
      }
      const inFlight: Worked[] = [];
      let lost = 0;
      const result = await run(
        agent,
        {
          method: 'POST',
          next: () => {
            const w = pool.shift();
            if (!w) return { path: '/api/auth/me' };
            inFlight.push(w);
            const verb = w.status === 'locked' ? 'unlock' : 'hold';
            return {
              path: `/api/accounts/${w.id}/${verb}`,
              body: { caseId: w.caseId, reason: 'bench: caller asked', version: w.version },
            };
          },
          onResponse: (status, body) => {
            try {
              const json = JSON.parse(body) as { id?: number; version?: number; status?: string };
              const index = inFlight.findIndex((w) => w.id === json.id);
              if (status === 200 && index >= 0) {
                const [w] = inFlight.splice(index, 1);
                pool.push({ ...w!, version: json.version!, status: json.status! });
              } else lost++;
            } catch {
              lost++;
            }
          },
        },
        bases,
      );
      return {
        result,
        notes: `${pool.length + inFlight.length} of ${candidates.length} accounts worked${lost ? `, ${lost} answers not 200` : ''}; ${Math.round((result.reqPerSec / commitFloor.perSec) * 100)}% of durable commits/s`,
      };
    };
    const { result: commands, notes: commandNotes } = await commandRun([server.base]);
    const commandRow = httpRow('audited commands (hold/unlock)', commands, {
      ofFloor: commands.reqPerSec / floor,
      target: '>= 1,500/s, chain verifies',
      notes: commandNotes,
      extra: { accounts: worked.map((w) => w.id) },
    });
    rows.push(commandRow);

    // Several instances on one PostgreSQL: the same load spread over them (autocannon's connections
    // round robin over the servers), the agent's one session served by either. The chain verified
    // below then holds both instances' appends.
    if (o.instances > 1) {
      const others = [];
      try {
        for (let n = 1; n < o.instances; n++) others.push(await startServer(o.target, o.port + n));
        const bases = [server.base, ...others.map((x) => x.base)];
        const label = `${o.instances} instances`;
        process.stderr.write(`bench: ${label}: floor, phone lookup, audited commands...\n`);
        const meN = await run(agent, { next: () => ({ path: '/api/auth/me' }) }, bases);
        rows.push(httpRow(`GET /api/auth/me, ${label}`, meN, { ofFloor: meN.reqPerSec / floor }));
        const phoneBodies = sample.map((a) => ({ path: '/api/lookup', body: { phone: a.phone } }));
        const lookupN = await run(agent, { method: 'POST', next: cycle(phoneBodies) }, bases);
        rows.push(httpRow(`lookup: phone, ${label}`, lookupN, { ofFloor: lookupN.reqPerSec / floor }));
        const { result: commandsN, notes: notesN } = await commandRun(bases);
        rows.push(
          httpRow(`audited commands (hold/unlock), ${label}`, commandsN, {
            ofFloor: commandsN.reqPerSec / floor,
            notes: notesN,
          }),
        );
        const ratio = commandsN.reqPerSec / commands.reqPerSec;
        rows.push({
          scenario: `commands/s with ${label} vs one`,
          notes: `${commandsN.reqPerSec} vs ${commands.reqPerSec} = ${ratio.toFixed(2)}x (p99 ${commandsN.p99} vs ${commands.p99} ms); one machine's cores serve every instance, PostgreSQL and the load`,
          extra: {
            instances: o.instances,
            oneInstance: commands.reqPerSec,
            several: commandsN.reqPerSec,
            ratio,
          },
        });
        part.otherInstancesPeakRssMb = others.map((x) => x.peakRssMb());
      } finally {
        for (const x of others) await x.stop();
      }
    }

    // Each worked account left as it was found (locked or not): a hold left standing would take it out
    // of the next run's picks on a reused database (and out of the copy of it), run after run.
    let restoredAfter = 0;
    for (const w of worked) {
      const found = candidates.find((c) => c.id === w.id)!.status;
      const account = await fetch(`${server.base}/api/accounts/${w.id}`, { headers: { cookie: agent } });
      const view = (await account.json()) as { version: number; status: string };
      if ((view.status === 'locked') === (found === 'locked')) continue;
      const verb = view.status === 'locked' ? 'unlock' : 'hold';
      const restored = await postJson(server.base, agent, `/api/accounts/${w.id}/${verb}`, {
        caseId: w.caseId,
        reason: 'bench: account left as found',
        version: view.version,
      });
      if (restored.status === 200) restoredAfter++;
    }
    commandRow.extra = { ...commandRow.extra, restoredAfter };

    // Verify the whole chain (it now holds the commands' rows too) while probing /api/health.
    process.stderr.write('bench: verify with a concurrent health probe...\n');
    const verifyStarted = performance.now();
    let verifyDone = false;
    const verify = fetch(`${server.base}/api/audit-events/verify`, { headers: { cookie: supervisor } }).then(
      async (res) => {
        const json = (await res.json()) as { ok: boolean; checked: number };
        verifyDone = true;
        return json;
      },
    );
    const probes: number[] = [];
    while (!verifyDone) {
      const started = performance.now();
      await fetch(`${server.base}/api/health`);
      if (!verifyDone) probes.push(performance.now() - started);
      await sleep(10);
    }
    const chain = await verify;
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    const healthMax = Math.max(...probes, 0);
    rows.push({
      scenario: 'verify chain (+ health probe)',
      p50: p(probes, 0.5),
      p99: p(probes, 0.99),
      notes: `${chain.ok ? 'ok' : 'BROKEN'}, ${chain.checked} rows in ${verifySeconds.toFixed(1)} s (${Math.round(chain.checked / verifySeconds)} rows/s); health max ${healthMax.toFixed(1)} ms over ${probes.length} probes`,
      target: 'health never > 50 ms',
      met: chain.ok && healthMax <= 50,
      extra: { verifySeconds, checked: chain.checked, ok: chain.ok, probes: probes.length, healthMax },
    });
    commandRow.met = commands.reqPerSec >= 1500 && chain.ok;

    // CSV export of the whole trail, streamed; server memory sampled meanwhile.
    process.stderr.write('bench: CSV export...\n');
    const rssBefore = server.rssMb();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, server.rssMb());
    }, 100);
    const exportStarted = performance.now();
    const res = await fetch(`${server.base}/api/audit-events/export`, { headers: { cookie: supervisor } });
    let lines = 0;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true });
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    }
    clearInterval(sampler);
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const exportRowsPerSec = Math.round((lines - 1) / exportSeconds);
    rows.push({
      scenario: 'CSV export (whole trail)',
      notes: `${lines - 1} rows in ${exportSeconds.toFixed(1)} s = ${exportRowsPerSec} rows/s; server RSS +${(rssPeak - rssBefore).toFixed(0)} MB`,
      target: '>= 175,000 rows/s, RSS + <= 28 MB',
      met: exportRowsPerSec >= 175_000 && rssPeak - rssBefore <= 28,
      extra: {
        rows: lines - 1,
        seconds: exportSeconds,
        rowsPerSec: exportRowsPerSec,
        rssDeltaMb: rssPeak - rssBefore,
      },
    });
    return part;
  } finally {
    part.peakRssMb = server.peakRssMb();
    await server.stop();
    part.loadAverageAtEnd = loadavg();
    part.seconds = (performance.now() - started) / 1000;
  }
}

/**
 * The bench's staff sign in with an authenticator, as every supervisor (and agent) must: the same
 * known secret on the bench database's own rows, and no time step used yet.
 */
function enrolBenchStaff(dbFile: string) {
  const writer = new Database(dbFile);
  try {
    writer
      .prepare(
        "UPDATE staff SET totp_secret = ?, totp_last_step = NULL WHERE username IN ('agent', 'supervisor')",
      )
      .run(BENCH_TOTP_SECRET);
  } finally {
    writer.close();
  }
}
