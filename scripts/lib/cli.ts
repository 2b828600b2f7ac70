import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { AuditContext } from '../../server/src/audit/writer';
import { createDb, type DbHandle } from '../../server/src/db/client';
import { type Keys, loadKeys } from '../../server/src/keys';

/** Bad command line: usage is printed and the process exits 2 (the shell convention for misuse). */
export class UsageError extends Error {}

/** A refusal the operator can act on (duplicate user, short password, broken chain): exit 1, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const DB_OPTION = { db: { type: 'string' } } as const satisfies Options;

export function defaultDbFile(): string {
  return process.env.DB_FILE || 'data/recovery-desk.db';
}

/**
 * Parses argv strictly (unknown flags are errors, never silently ignored). `--help` prints the usage
 * and exits 0; any parse error prints it to stderr and exits 2.
 */
export function parseCli<O extends Options>(
  usage: string,
  options: O,
  argv = process.argv.slice(2),
  { positionals = false } = {},
) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  const parse = () => {
    try {
      return parseArgs({ args: argv, options: all, allowPositionals: positionals, strict: true });
    } catch (error) {
      return usageExit(usage, (error as Error).message);
    }
  };
  const parsed = parse();
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return parsed;
}

function usageExit(usage: string, message: string): never {
  process.stderr.write(`error: ${message}\n\n${usage.trim()}\n`);
  process.exit(2);
}

/** An integer option within bounds; undefined → fallback. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be a whole number between ${min} and ${max}`);
  }
  return Number(value);
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

// 26 base32 characters are 16 bytes (128 bits), the least RFC 4226 and otplib accept.
const BASE32 = /^[A-Z2-7]{26,}=*$/;

export function totpSecretOption(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const clean = value.replace(/\s/g, '').toUpperCase();
  if (!BASE32.test(clean))
    throw new UsageError(`--${name} must be a base32 secret of at least 26 characters (16 bytes)`);
  return clean;
}

/** Opens (creating and migrating) the database and the key files the server uses beside it. */
export function openDatabase(dbFile: string): { handle: DbHandle; keys: Keys } {
  const handle = createDb(dbFile);
  return { handle, keys: loadKeys(dbFile) };
}

/** Audit rows written by a command-line tool: no staff member, actorUsername 'cli'. */
export function cliAuditContext(keys: Keys, tool: string): AuditContext {
  return {
    actor: null,
    ip: null,
    userAgent: `cli ${tool}`,
    requestId: null,
    auditKey: keys.auditKey,
    now: Date.now,
  };
}
export const CLI_ACTOR = 'cli';

/** Runs a CLI's main: usage errors exit 2, operator errors exit 1 with their message, no stack traces. */
export function runCli(usage: string, main: () => Promise<number | undefined> | number | undefined) {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code ?? 0;
      },
      (error: unknown) => {
        if (error instanceof UsageError) usageExit(usage, error.message);
        if (error instanceof CliError) {
          process.stderr.write(`error: ${error.message}\n`);
          process.exitCode = error.exitCode;
          return;
        }
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        if (process.env.DEBUG) console.error(error);
        process.exitCode = 1;
      },
    );
}

/** Reads all of stdin as text (NDJSON imports, passwords). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
