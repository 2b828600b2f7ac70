import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { totpCode } from '../../server/src/staff/totp';

/** The real server in its own process (so the load generator does not share its event loop). */
export type BenchServer = {
  base: string;
  pid: number;
  rssMb: () => number;
  peakRssMb: () => number;
  stop: () => Promise<void>;
};

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Which database the server runs on: the SQLite file, or PostgreSQL with the keys of the SQLite file it
 * was copied from (postgres.ts, keysOf), so every instance checks the same chain and sessions.
 */
export type BenchTarget = { dbFile: string } | { databaseUrl: string; keys: Record<string, string> };

/** The environment without DB_FILE / DATABASE_URL: each child is told its database explicitly. */
export function withoutDatabaseSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DB_FILE: _file, DATABASE_URL: _url, ...rest } = env;
  return rest;
}

/**
 * The server as `npm start` runs it: esbuild's bundle of server/src with package.json build:server's
 * options, built once per bench run from the working tree (a dist/ left by an older build would measure
 * old code). Until stop 24 the bench ran the source under tsx, which wraps every function it creates to
 * keep its name: a closure made per call cost what it does not in the product (ranking.ts nameMatch's two
 * closures were 12% of a name+last-4 search's CPU).
 */
let bundled: Promise<string> | undefined;
function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the project, so the bundle's imports of packages (kept external) resolve from node_modules.
    const cache = resolve('node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const outdir = mkdtempSync(join(cache, 'rd-bench-server-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await build({
      entryPoints: ['server/src/main.ts', 'server/src/audit/readWorker.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      sourcemap: true,
      outdir,
      entryNames: '[name]',
      logLevel: 'warning',
    });
    return join(outdir, 'main.js');
  })();
  return bundled;
}

export async function startServer(target: BenchTarget, port: number): Promise<BenchServer> {
  const main = await serverBundle();
  const database =
    'dbFile' in target ? { DB_FILE: target.dbFile } : { DATABASE_URL: target.databaseUrl, ...target.keys };
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    env: {
      ...withoutDatabaseSettings(process.env),
      NODE_ENV: 'development',
      PORT: String(port),
      ...database,
      LOG_LEVEL: 'warn',
      MAILBOX_DIR: mkdtempSync(join(tmpdir(), 'rd-bench-mail-')),
      PUBLIC_URL: `http://localhost:${port}`,
      // The bench drives lookups as fast as one agent's session can: measure the lookup, not its throttle.
      LOOKUP_LIMIT_PER_MINUTE: '1000000',
      LOOKUP_LIMIT_PER_HOUR: '10000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error(`bench: the server exited (${child.exitCode}) before answering`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('bench: the server did not answer /api/health within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    base,
    pid,
    rssMb: () => statusField(pid, 'VmRSS'),
    peakRssMb: () => statusField(pid, 'VmHWM'),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const AJAX = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

/** The authenticator secret the bench gives its staff (bench.ts, enrolBenchStaff): supervisors must have one. */
export const BENCH_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/**
 * Signs a bench staff member in, password then the authenticator code, and returns the session
 * cookie. A sign-in that stops short fails the bench: every figure after it would measure refusals.
 */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: AJAX,
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => ({}))) as { mfaRequired?: boolean };
  if (res.status !== 200) throw new Error(`bench: sign-in of ${username} answered ${res.status}`);
  const cookie = cookieOf(res);
  if (!body.mfaRequired) return cookie;
  const mfa = await fetch(`${base}/api/auth/mfa`, {
    method: 'POST',
    headers: { ...AJAX, cookie },
    body: JSON.stringify({ code: totpCode(BENCH_TOTP_SECRET, Date.now()) }),
  });
  if (mfa.status !== 200) throw new Error(`bench: the code step of ${username} answered ${mfa.status}`);
  const me = await fetch(`${base}/api/auth/me`, { headers: { ...AJAX, cookie: cookieOf(mfa) || cookie } });
  if (me.status !== 200)
    throw new Error(`bench: ${username} is not signed in after the code step (${me.status})`);
  return cookieOf(mfa) || cookie;
}

export async function postJson(base: string, cookie: string, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...AJAX, cookie },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return { status: res.status, json };
}
