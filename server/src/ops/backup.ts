import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type ChainReport, verifyChain } from '../audit/verify';
import { registerAuditWords } from '../db/auditWords';
import { acquireDbLock, processesHolding } from './dbLock';

/** `recovery-desk-20261201T101500Z.db`: sorts by time, says when in UTC. */
const BACKUP_NAME = /^recovery-desk-(\d{8}T\d{6}Z)(-\d+)?\.db$/;
const KEY_KINDS = [
  { env: 'AUDIT_KEY', suffix: 'audit-key', why: 'verifies and extends the audit chain' },
  { env: 'PII_KEY', suffix: 'pii-key', why: 'national-ID checks' },
  { env: 'SESSION_SECRET', suffix: 'session-key', why: 'staff sessions' },
  { env: 'MESSAGE_KEY', suffix: 'message-key', why: 'links and codes still queued in the outbox' },
] as const;

export class BackupError extends Error {}

type KeyEnv = Partial<Record<(typeof KEY_KINDS)[number]['env'], string>>;

const utcStamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Where each key comes from for this database: the environment or a file beside it. Never copied. */
export function keyLocations(dbFile: string, env: KeyEnv) {
  return KEY_KINDS.map((k) => {
    const file = `${resolve(dbFile)}.${k.suffix}`;
    return {
      ...k,
      source: env[k.env] ? (`environment ${k.env}` as const) : existsSync(file) ? file : null,
    };
  });
}

/** The audit key the server would use for dbFile, without creating a key file (a new key could verify nothing). */
export function readAuditKey(dbFile: string, env: KeyEnv): Buffer {
  if (env.AUDIT_KEY) return Buffer.from(env.AUDIT_KEY);
  const file = `${resolve(dbFile)}.audit-key`;
  if (!existsSync(file)) {
    throw new BackupError(`no audit key for ${dbFile}: set AUDIT_KEY or restore the key file to ${file}`);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim());
}

export type Verification = { integrity: string; chain: ChainReport };

/** `PRAGMA integrity_check` and the whole audit chain with the key; throws naming what failed. */
export function verifyDatabaseFile(file: string, auditKey: Buffer): Verification {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // integrity_check also checks the trail's word index against its content view, which calls it.
  registerAuditWords(db);
  try {
    const problems = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const integrity = problems.map((p) => p.integrity_check).join('; ');
    if (integrity !== 'ok')
      throw new BackupError(`${file} fails PRAGMA integrity_check: ${integrity.slice(0, 500)}`);
    const chain = verifyChain(db, auditKey);
    if (!chain.ok) {
      throw new BackupError(
        `${file}: audit chain broken at row ${chain.firstBrokenId} (${chain.checked} rows before it verified) — wrong audit key, or the trail was altered`,
      );
    }
    return { integrity, chain };
  } finally {
    db.close();
  }
}

function fsyncFile(file: string) {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform lets a directory be opened; the rename is still atomic.
  }
}

export type BackupResult = Verification & {
  file: string;
  bytes: number;
  copyMs: number;
  verifyMs: number;
  pruned: string[];
  keys: ReturnType<typeof keyLocations>;
};

/**
 * An online backup while the server writes: SQLite's backup API (better-sqlite3 `backup()`) copies
 * every page in one step, inside one read transaction — a consistent snapshot, and in WAL mode it
 * blocks no writer. The copy is made a self-contained rollback-journal file, verified (integrity
 * and the audit chain with the key), and only then renamed to its UTC name; then the oldest
 * backups beyond `keep` are deleted. Key files are never copied next to it.
 */
export async function backupDatabase(input: {
  dbFile: string;
  outDir: string;
  keep: number;
  env: KeyEnv;
  now?: Date;
}): Promise<BackupResult> {
  const { dbFile, keep, env } = input;
  if (!existsSync(dbFile)) throw new BackupError(`${dbFile} does not exist`);
  const auditKey = readAuditKey(dbFile, env);
  const outDir = resolve(input.outDir);
  if (resolve(dirname(dbFile)) === outDir) {
    throw new BackupError('--out must not be the database folder: its key files live there');
  }
  await mkdir(outDir, { recursive: true });
  const stamp = utcStamp(input.now ?? new Date());
  let name = `recovery-desk-${stamp}.db`;
  for (let n = 1; existsSync(join(outDir, name)); n++) name = `recovery-desk-${stamp}-${n}.db`;
  const final = join(outDir, name);
  const partial = `${final}.partial`;

  const started = Date.now();
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // The first step copies nothing (it opens the backup); the second copies every page at once.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    if (existsSync(partial)) unlinkSync(partial);
    throw error;
  } finally {
    source.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fsyncFile(partial);
  const copyMs = Date.now() - started;

  const verifyStarted = Date.now();
  let verification: Verification;
  try {
    verification = verifyDatabaseFile(partial, auditKey);
  } catch (error) {
    unlinkSync(partial);
    throw error;
  }
  renameSync(partial, final);
  fsyncDir(outDir);
  const verifyMs = Date.now() - verifyStarted;

  const pruned = readdirSync(outDir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort()
    .reverse()
    .slice(keep)
    .map((f) => join(outDir, f));
  for (const old of pruned) unlinkSync(old);

  return {
    ...verification,
    file: final,
    bytes: statSync(final).size,
    copyMs,
    verifyMs,
    pruned,
    keys: keyLocations(dbFile, env),
  };
}

export type RestoreResult = Verification & { dbFile: string; setAside: string[] };

/**
 * Puts a backup in place of dbFile. Refuses while a server holds the file (its lock file, or any
 * local process with it open), verifies the backup with the target's audit key first, copies it
 * beside the target and renames it in; the file it replaces (with its WAL) is kept under
 * `<DB_FILE>.before-restore-<UTC>`, never deleted.
 */
export async function restoreDatabase(input: {
  from: string;
  dbFile: string;
  env: KeyEnv;
  now?: Date;
}): Promise<RestoreResult> {
  const from = resolve(input.from);
  const dbFile = resolve(input.dbFile);
  if (!existsSync(from)) throw new BackupError(`${input.from} does not exist`);
  if (from === dbFile) throw new BackupError('--from and --db are the same file');
  const lock = acquireDbLock(dbFile, 'restore');
  try {
    const holders = processesHolding(dbFile);
    if (holders.length) {
      throw new BackupError(`${dbFile} is open in process ${holders.join(', ')}: stop the server first`);
    }
    const verification = verifyDatabaseFile(from, readAuditKey(dbFile, input.env));
    await mkdir(dirname(dbFile), { recursive: true });
    const incoming = `${dbFile}.restore-partial`;
    await copyFile(from, incoming);
    fsyncFile(incoming);

    const setAside: string[] = [];
    const aside = `${dbFile}.before-restore-${utcStamp(input.now ?? new Date())}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(dbFile + suffix)) {
        // Renamed as a set, so the old file and its WAL still open together under the new name.
        renameSync(dbFile + suffix, aside + suffix);
        setAside.push(aside + suffix);
      }
    }
    renameSync(incoming, dbFile);
    fsyncDir(dirname(dbFile));
    return { ...verification, dbFile, setAside };
  } finally {
    lock.release();
  }
}

export const isBackupName = (file: string) => BACKUP_NAME.test(basename(file));
