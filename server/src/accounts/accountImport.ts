import { randomInt } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { ACCOUNT_STATUSES, accounts, LOCK_REASONS, type NewAccount, transactions } from '../db/tables';
import type { Keys } from '../keys';
import { nameForms, normalizeAccountNumber, normalizeEmail, toE164 } from '../policy/normalize';
import { hashNationalId, nationalIdLast4 } from '../shared/pii';

/**
 * One customer account as it arrives from outside (accounts:import NDJSON) or from the seed.
 * Both go through accountRowFor, so the stored forms (name key, E.164 phone, normalised email,
 * keyed national-ID hash) are computed in one place and lookups find seeded and imported rows alike.
 */

export const SOCIAL_PROVIDERS = ['wechat', 'google', 'apple'] as const;
const ACCOUNT_NUMBER = /^OK\d{10}$/;

function isRealPastDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now()
  );
}

const instant = z.union([z.iso.datetime({ offset: true }), z.number().int().positive()], {
  error: 'must be an ISO date-time or epoch milliseconds',
});
const toMs = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));

const transactionLine = z.strictObject({
  amount: z
    .number()
    .refine((v) => Number.isFinite(v) && Math.abs(v) < 1e10, 'must be a finite amount')
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most 2 decimals'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code'),
  at: instant,
  counterparty: z.string().max(120).optional(),
});

export const accountLineSchema = z.strictObject({
  accountNumber: z
    .string()
    .transform(normalizeAccountNumber)
    .refine((v) => ACCOUNT_NUMBER.test(v), 'must be OK followed by 10 digits')
    .optional(),
  fullName: z.string().trim().min(1, 'is required').max(200),
  dateOfBirth: z.string().refine(isRealPastDate, 'must be a real past date as YYYY-MM-DD'),
  phone: z.string().min(3).max(40),
  email: z.email('must be an email address').max(254),
  nationalId: z
    .string()
    .max(40)
    .refine((v) => nationalIdLast4(v).length === 4, 'must have at least 4 letters or digits'),
  country: z
    .string()
    .refine((v) => /^[A-Z]{2}$/.test(v) && isSupportedCountry(v), 'must be an ISO 3166-1 alpha-2 code'),
  password: z.string().min(8, 'must be at least 8 characters').max(256),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  lockReason: z.enum(LOCK_REASONS).nullable().optional(),
  twoFactorEnabled: z.boolean().default(false),
  socialProvider: z.enum(SOCIAL_PROVIDERS).nullable().optional(),
  // When the registered phone last changed in the wallet: a takeover risk signal for 7 days.
  phoneChangedAt: instant.optional(),
  transactions: z.array(transactionLine).max(1000).default([]),
});

export type AccountLine = z.infer<typeof accountLineSchema>;
export type FieldProblem = { field: string; problem: string };
export type LineCheck = { ok: true; line: AccountLine } | { ok: false; problems: FieldProblem[] };

/**
 * Validates one parsed JSON value. Cross-field rules (phone valid for the country, lock reason
 * only when locked) are checked even when other fields fail, so one report names every field at fault.
 * Problems name fields and rules only, never the values (they are PII).
 */
export function checkAccountLine(raw: unknown): LineCheck {
  const parsed = accountLineSchema.safeParse(raw);
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ field: key, problem: 'is not a known field' }))
          : [{ field: issue.path.join('.') || '(line)', problem: issue.message }],
      );
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const { phone, country, status, lockReason } = input;
  if (
    typeof phone === 'string' &&
    typeof country === 'string' &&
    isSupportedCountry(country) &&
    !toE164(phone, country)
  ) {
    problems.push({ field: 'phone', problem: 'is not a valid phone number for the country' });
  }
  if (status === 'locked' && lockReason == null) {
    problems.push({ field: 'lockReason', problem: 'is required when status is locked' });
  }
  if (status !== 'locked' && lockReason != null) {
    problems.push({ field: 'lockReason', problem: 'is only allowed when status is locked' });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, line: parsed.data };
}

/** The identity part of an account, whatever its source. */
export type AccountIdentity = Pick<
  AccountLine,
  'fullName' | 'dateOfBirth' | 'phone' | 'email' | 'nationalId' | 'country'
> & { accountNumber: string };

export type AccountIdentityRow = Pick<
  NewAccount,
  | 'accountNumber'
  | 'fullName'
  | 'nameKey'
  | 'nameLatin'
  | 'nameLatinKey'
  | 'dateOfBirth'
  | 'phone'
  | 'email'
  | 'emailNorm'
  | 'nationalIdHash'
  | 'nationalIdLast4'
  | 'country'
>;

/** The stored (normalised, hashed) columns of an identity; throws on a phone invalid for its country. */
export function accountRowFor(keys: Pick<Keys, 'piiKey'>, identity: AccountIdentity): AccountIdentityRow {
  const phone = toE164(identity.phone, identity.country as CountryCode);
  if (!phone) throw new Error(`phone is not valid for country ${identity.country}`);
  const email = identity.email.trim();
  return {
    accountNumber: identity.accountNumber,
    fullName: identity.fullName.normalize('NFC').trim(),
    ...nameForms(identity.fullName),
    dateOfBirth: identity.dateOfBirth,
    phone,
    email,
    emailNorm: normalizeEmail(email),
    nationalIdHash: hashNationalId(keys.piiKey, identity.nationalId),
    nationalIdLast4: nationalIdLast4(identity.nationalId),
    country: identity.country,
  };
}

/** A line that is well formed but clashes with what the database holds. */
export class AccountLineRejected extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field} ${p.problem}`).join('; '));
  }
}

async function freeAccountNumber(tx: Tx): Promise<string> {
  for (;;) {
    const candidate = `OK${String(randomInt(1_000_000_000, 10_000_000_000))}`;
    const taken = tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.accountNumber, candidate));
    if (!(await firstRow(taken.limit(1)))) return candidate;
  }
}

/**
 * Inserts one validated line and its transactions inside the caller's transaction. The password
 * is hashed (argon2id) by the caller beforehand: hashing runs on the thread pool, and a transaction body must not yield.
 * A duplicate account number or email rejects the line.
 */
export async function insertImportedAccount(
  tx: Tx,
  keys: Pick<Keys, 'piiKey'>,
  line: AccountLine,
  passwordHash: string,
  now: number,
): Promise<{ id: number; accountNumber: string }> {
  const emailNorm = normalizeEmail(line.email);
  const clashes = await tx
    .select({ accountNumber: accounts.accountNumber, emailNorm: accounts.emailNorm })
    .from(accounts)
    .where(
      line.accountNumber
        ? or(eq(accounts.accountNumber, line.accountNumber), eq(accounts.emailNorm, emailNorm))
        : eq(accounts.emailNorm, emailNorm),
    );
  const problems: FieldProblem[] = [];
  if (clashes.some((c) => c.accountNumber === line.accountNumber)) {
    problems.push({ field: 'accountNumber', problem: 'is already in use' });
  }
  if (clashes.some((c) => c.emailNorm === emailNorm)) {
    problems.push({ field: 'email', problem: 'is already registered to another account' });
  }
  if (problems.length > 0) throw new AccountLineRejected(problems);

  const identity = accountRowFor(keys, {
    ...line,
    accountNumber: line.accountNumber ?? (await freeAccountNumber(tx)),
  });
  const locked = line.status === 'locked';
  const row = (await firstRow(
    tx
      .insert(accounts)
      .values({
        ...identity,
        passwordHash,
        passwordChangedAt: now,
        twoFactorEnabled: line.twoFactorEnabled,
        socialProvider: line.socialProvider ?? null,
        phoneChangedAt: line.phoneChangedAt === undefined ? null : toMs(line.phoneChangedAt),
        status: line.status,
        lockReason: locked ? (line.lockReason ?? null) : null,
        lockedAt: locked ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: accounts.id, accountNumber: accounts.accountNumber }),
  ))!;
  if (line.transactions.length > 0) {
    await tx.insert(transactions).values(
      line.transactions.map((t) => ({
        accountId: row.id,
        amount: t.amount,
        currency: t.currency,
        at: toMs(t.at),
        counterparty: t.counterparty ?? null,
      })),
    );
  }
  return row;
}
