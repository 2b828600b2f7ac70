import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

const DAY_MS = 86_400_000;

/** How many days, at least one: a retention of zero would delete what was just written. */
const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);

/** Addresses and CIDR ranges, comma separated: `127.0.0.1/8, ::1, 10.0.0.5`. */
const addressList = z
  .string()
  .default('127.0.0.1/8,::1')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address = '', bits, ...rest] = entry.split('/');
      const family = isIP(address);
      const maxBits = family === 6 ? 128 : 32;
      const badBits = bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits);
      if (!family || badBits || rest.length) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
        return z.NEVER;
      }
    }
    return entries;
  });

/** A URL node-postgres can connect with: the postgres scheme, a host (or ?host= socket dir) and a database. */
export function isPostgresUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const host = url.hostname || url.searchParams.get('host') || '';
  return (
    (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
    host !== '' &&
    /^[^/]+$/.test(database)
  );
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DB_FILE: z.string().min(1).default('data/recovery-desk.db'),
  // PostgreSQL instead of the SQLite file (README, Running on PostgreSQL): postgres://user:pass@host:5432/db,
  // or ?host=/socket/dir for a Unix socket. Several instances may share one database.
  DATABASE_URL: z
    .string()
    .refine(
      isPostgresUrl,
      'must be a postgres:// or postgresql:// URL naming a database (postgres://user@host/db)',
    )
    .optional(),
  // Connections per instance in the PostgreSQL pool (the write lock serialises writers anyway).
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PII_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  // Encrypts the links and codes waiting in the outbox; unset: the key file beside DB_FILE (see keys.ts).
  MESSAGE_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  // Links in customer messages; when not set, the server's own address (so PORT=3050 links to :3050).
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  SMS_WEBHOOK_URL: z.url().optional(),
  MAILBOX_DIR: z.string().min(1).default('data/mailbox'),
  // Which proxies' X-Forwarded-For to believe: a hop count or a list of addresses/subnets/names
  // ("loopback", "10.0.0.0/8"). Unset: none, so a client cannot pick its own IP for the limits.
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => v !== 'true',
      'trusting every proxy lets any client choose its IP; name them or give a hop count',
    )
    .optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  METRICS_ALLOW: addressList,
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  RETENTION_LOGIN_EVENTS_DAYS: days(180),
  RETENTION_MESSAGES_DAYS: days(365),
  RETENTION_TOKENS_DAYS: days(30),
  RETENTION_CASE_EVIDENCE_DAYS: days(730),
  // Lookups per staff member (docs/design.md, Lookup limits): a burst per minute and a ceiling per hour, then 429.
  LOOKUP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LOOKUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(300),
  // Staff TOTP (docs/design.md, Staff TOTP enrolment): always required of supervisors; of agents unless `optional`.
  STAFF_TOTP_AGENTS: z.enum(['required', 'optional']).default('required'),
  // Usernames that sign in with a password alone, for test desks whose shared accounts sign in many times a
  // minute (a TOTP step is accepted once). Refused when NODE_ENV=production.
  STAFF_TOTP_EXEMPT: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

/** Which engine the settings select: PostgreSQL when DATABASE_URL is set, else the SQLite file DB_FILE. */
export const databaseEngine = (config: Pick<Config, 'DATABASE_URL'>): 'postgres' | 'sqlite' =>
  config.DATABASE_URL ? 'postgres' : 'sqlite';

/** TRUST_PROXY as Express's "trust proxy" setting. */
export function trustProxySetting(value: string | undefined): number | string[] | false {
  if (!value || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every setting the server reads (.env.example documents each one; a test holds them together). */
export const SETTINGS = Object.keys(EnvSchema.shape) as Array<keyof Config>;

export class ConfigError extends Error {}

/** The keys a production server must be given: a key file made on the fly would vanish with the container. */
const PRODUCTION_KEYS = ['SESSION_SECRET', 'AUDIT_KEY', 'PII_KEY'] as const;

/** What NODE_ENV=production adds to the schema, one line per unmet setting. */
function productionProblems(config: Config, env: Record<string, string | undefined>): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems = PRODUCTION_KEYS.filter((name) => !config[name]).map(
    (name) => `  ${name}: required when NODE_ENV=production (at least 32 characters)`,
  );
  if (!env.PUBLIC_URL) {
    problems.push('  PUBLIC_URL: required when NODE_ENV=production (the https address customers open)');
  } else if (new URL(config.PUBLIC_URL).protocol !== 'https:') {
    problems.push('  PUBLIC_URL: must be an https:// address when NODE_ENV=production');
  }
  if (config.DATABASE_URL && !config.MESSAGE_KEY) {
    // Every instance must unseal what another queued: a key file would differ per machine.
    problems.push(
      '  MESSAGE_KEY: required when NODE_ENV=production on PostgreSQL (shared by every instance)',
    );
  }
  if (config.STAFF_TOTP_EXEMPT.length > 0) {
    problems.push('  STAFF_TOTP_EXEMPT: not allowed when NODE_ENV=production (every supervisor enrols TOTP)');
  }
  return problems;
}

/** Reads and validates the environment once at start-up; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set" (a blank line in an env file must not count as a value).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config: Config = {
    ...parsed.data,
    PUBLIC_URL: (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ''),
  };
  const problems = productionProblems(config, cleaned);
  if (cleaned.DATABASE_URL && cleaned.DB_FILE) {
    problems.push('  DATABASE_URL: set either DATABASE_URL (PostgreSQL) or DB_FILE (SQLite), not both');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return config;
}

/** Retention periods in milliseconds, by kind of data (the audit trail has none: it is never deleted). */
export function retentionMs(config: Config) {
  return {
    loginEvents: config.RETENTION_LOGIN_EVENTS_DAYS * DAY_MS,
    messages: config.RETENTION_MESSAGES_DAYS * DAY_MS,
    tokens: config.RETENTION_TOKENS_DAYS * DAY_MS,
    caseEvidence: config.RETENTION_CASE_EVIDENCE_DAYS * DAY_MS,
  };
}

/** METRICS_ALLOW as a matcher; IPv4-mapped IPv6 peers (::ffff:127.0.0.1) match their IPv4 entries. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (raw) => {
    const address = raw.startsWith('::ffff:') && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
