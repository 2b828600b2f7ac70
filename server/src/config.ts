import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DB_FILE: z.string().min(1).default('data/recovery-desk.db'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
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
});

export type Config = z.infer<typeof EnvSchema>;

/** TRUST_PROXY as Express's "trust proxy" setting. */
export function trustProxySetting(value: string | undefined): number | string[] | false {
  if (!value || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export class ConfigError extends Error {}

/** Reads and validates the environment once at start-up; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set" (a blank line in an env file must not count as a value).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production');
  }
  return config;
}
