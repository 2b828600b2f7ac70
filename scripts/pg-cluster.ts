import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL cluster for tests and scripts: Debian's own binaries, initdb into a fresh
 * temp dir, listening on a Unix socket in that dir only (no TCP port to collide with another run or
 * another engineer), removed on stop. Never a server a previous run left behind: every start is a
 * new data directory. As root (CI, our machines) the server runs as the `postgres` OS user, since
 * PostgreSQL refuses to run as root.
 */

export class PgUnavailableError extends Error {}

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest /usr/lib/postgresql/<ver>/bin holding initdb and pg_ctl, or PG_BIN when set. */
export function findPgBin(): string | null {
  const configured = process.env.PG_BIN;
  if (configured) return existsSync(join(configured, 'initdb')) ? configured : null;
  if (!existsSync(DEBIAN_ROOT)) return null;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(DEBIAN_ROOT, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export type PgCluster = {
  /** The directory holding the data directory, the socket and the log. */
  dir: string;
  /** A connection URL (superuser `postgres`, over the socket) to the given database. */
  urlFor(database: string): string;
  /** Creates a database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (immediate: nothing of it is worth keeping) and deletes the directory. */
  stop(): void;
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary as the cluster's OS user; a failure throws with the tool's own output. */
function runPg(bin: string, args: string[], options: SpawnSyncOptions = {}) {
  const [command, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${bin} ${args.join(' ')} failed (${result.status ?? result.signal}): ${output}`);
  }
}

function ownerIds(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new PgUnavailableError('running as root but there is no `postgres` OS user to run PostgreSQL as');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const live = new Set<PgCluster>();
let exitHookInstalled = false;

/** A process that dies with clusters running removes them: no server outlives the run that made it. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const cluster of live) cluster.stop();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const cluster of live) cluster.stop();
      process.exit(130);
    });
  }
}

/** How a cluster runs: the tests' defaults, or what a benchmark must measure. */
export type PgClusterOptions = {
  /**
   * fsync, synchronous_commit and full_page_writes left on, as a production server runs: a commit is on
   * disk before it is acknowledged (the benchmark measures that cost; tests do not need it).
   */
  durable?: boolean;
  /** Settings passed to the server as `-c name=value`, over the defaults (shared_buffers, max_connections). */
  settings?: Record<string, string | number>;
};

/**
 * Starts a fresh cluster. By default durability settings are off (fsync, full_page_writes): the
 * cluster lives for one run, and the tests measure behaviour, not disk speed.
 */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) {
    throw new PgUnavailableError(
      `PostgreSQL not found (no ${DEBIAN_ROOT}/<version>/bin/initdb; install Debian's postgresql package or set PG_BIN)`,
    );
  }
  const owner = ownerIds();
  // Short path: a Unix socket path must stay under ~107 bytes.
  const dir = mkdtempSync(join(process.env.PG_TMPDIR ?? tmpdir(), 'rd-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const superuser = 'postgres';
  let started = false;
  const stop = () => {
    live.delete(cluster);
    if (started) {
      started = false;
      try {
        runPg(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { stdio: 'pipe' });
      } catch {
        // Already gone (killed with its parent): the directory still goes.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const urlFor = (database: string) =>
    `postgres://${superuser}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(dir)}`;
  const cluster: PgCluster = {
    dir,
    urlFor,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    stop,
  };
  live.add(cluster);
  installExitHook();
  try {
    runPg(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      superuser,
      // Only the socket in our own 0700 dir reaches it, so trust is the OS user's own permission.
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    const settings: Record<string, string | number> = {
      ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
      max_connections: 50,
      shared_buffers: '32MB',
      ...options.settings,
    };
    const serverOptions = [
      `-k ${dir}`,
      "-c listen_addresses=''",
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    runPg(
      join(bin, 'pg_ctl'),
      ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-o', serverOptions],
      {
        stdio: 'pipe',
      },
    );
    started = true;
  } catch (error) {
    stop();
    throw error;
  }
  return cluster;
}

/** Who runs it (for messages): PostgreSQL runs as `postgres` when we are root. */
export const clusterUser = () => (isRoot() ? 'postgres' : userInfo().username);
