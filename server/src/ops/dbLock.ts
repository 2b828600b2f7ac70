import { readdirSync, readFileSync, readlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/**
 * Who holds a database file: a server serving it, or a restore replacing it. The lock file beside
 * the database (`<DB_FILE>.lock`) is how a restore knows not to pull the file from under a live
 * server, and how a server knows not to start on a file being restored.
 */
export type LockHolder = {
  role: 'server' | 'restore';
  pid: number;
  host: string;
  /** The process's start time in clock ticks (Linux), so a reused pid is not taken for the holder. */
  procStart: string | null;
  startedAt: string;
};

export class DbLockError extends Error {
  constructor(
    readonly holder: LockHolder,
    dbFile: string,
  ) {
    super(
      `${dbFile} is held by a running ${holder.role} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); stop it first`,
    );
  }
}

export const lockFileOf = (dbFile: string) => `${resolve(dbFile)}.lock`;

function procStartOf(pid: number | 'self'): string | null {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count after its ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** A holder is alive when its process is (same host, same pid, same start time). Another host's holder cannot be checked. */
export function isAlive(holder: LockHolder): boolean | 'unknown' {
  if (holder.host !== hostname()) return 'unknown';
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = procStartOf(holder.pid);
  return !(holder.procStart && start && start !== holder.procStart);
}

export function readHolder(dbFile: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(lockFileOf(dbFile), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/**
 * Takes the lock for this process or throws DbLockError naming the live holder. A stale lock (its
 * process is gone: a crash, a SIGKILL) is taken over. `unknownHost` decides about a holder on
 * another machine sharing the volume: a restore refuses, a server takes over.
 */
export function acquireDbLock(
  dbFile: string,
  role: LockHolder['role'],
  { unknownHost = 'refuse' }: { unknownHost?: 'refuse' | 'take' } = {},
): { release: () => void } {
  const path = lockFileOf(dbFile);
  const me: LockHolder = {
    role,
    pid: process.pid,
    host: hostname(),
    procStart: procStartOf('self'),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          // Only our own lock: a takeover by another process must not be undone by us.
          if (readHolder(dbFile)?.pid === me.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(dbFile);
    const alive = holder ? isAlive(holder) : false;
    if (holder && (alive === true || (alive === 'unknown' && unknownHost === 'refuse'))) {
      throw new DbLockError(holder, dbFile);
    }
    unlinkSync(path);
  }
  throw new Error(`could not take ${path}: another process keeps creating it`);
}

/**
 * Other processes on this machine that have the file open (Linux /proc, like `lsof`): catches a
 * server that holds the database without a lock file, or an sqlite3 shell. Empty elsewhere.
 */
export function processesHolding(file: string): number[] {
  const target = resolve(file);
  const found: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return found;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link === target || link === `${target}-wal`) {
          found.push(Number(pid));
          break;
        }
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}
