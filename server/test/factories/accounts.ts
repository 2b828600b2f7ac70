import { eq } from 'drizzle-orm';
import { firstRow } from '../../src/db/rows';
import {
  type Account,
  accounts,
  devices,
  type LoginEvent,
  loginEvents,
  type NewAccount,
  transactions,
} from '../../src/db/tables';
import { nameForms, normalizeEmail, normalizeNationalIdLast4 } from '../../src/policy/normalize';
import { hashPassword } from '../../src/shared/passwords';
import { hashNationalId } from '../../src/shared/pii';
import type { TestApp } from '../harness';

export const CUSTOMER_PASSWORD = 'Wallet-test-2026';
let passwordHash: Promise<string> | undefined;
let seq = 0;

export type AccountInput = Partial<
  Omit<
    NewAccount,
    'nameKey' | 'nameLatin' | 'nameLatinKey' | 'emailNorm' | 'nationalIdHash' | 'nationalIdLast4'
  >
> & {
  nationalId?: string;
  /** Plain password; defaults to CUSTOMER_PASSWORD. */
  password?: string;
};

/** A customer account with plausible, unique defaults; returns the row and the plain secrets used. */
export async function createAccount(t: TestApp, input: AccountInput = {}) {
  const n = ++seq;
  const { nationalId = `11010119900305${String(1000 + n).slice(-4)}`, password, ...rest } = input;
  passwordHash ??= hashPassword(CUSTOMER_PASSWORD);
  const fullName = rest.fullName ?? `Test Customer ${n}`;
  const email = rest.email ?? `customer${n}.${Date.now()}@example.com`;
  const values: NewAccount = {
    accountNumber: `OK${String(9_000_000_000 + n * 7919 + Math.floor(Math.random() * 1000))}`.slice(0, 12),
    dateOfBirth: '1990-03-05',
    phone: `+86138${String(10_000_000 + n).slice(-8)}`,
    country: 'CN',
    ...rest,
    fullName,
    email,
    ...nameForms(fullName),
    emailNorm: normalizeEmail(email),
    nationalIdHash: hashNationalId(t.deps.keys.piiKey, nationalId),
    nationalIdLast4: normalizeNationalIdLast4(nationalId),
    passwordHash: password ? await hashPassword(password) : await passwordHash,
  };
  const account = (await firstRow(t.deps.db.insert(accounts).values(values).returning()))!;
  return { account, nationalId, password: password ?? CUSTOMER_PASSWORD };
}

export async function reloadAccount(t: TestApp, id: number): Promise<Account> {
  return (await firstRow(t.deps.db.select().from(accounts).where(eq(accounts.id, id)).limit(1)))!;
}

export async function addTransactions(t: TestApp, accountId: number, amounts: number[], currency = 'CNY') {
  const base = t.deps.now() - amounts.length * 3_600_000;
  // amounts[0] is the oldest; the last one is the most recent.
  if (amounts.length === 0) return [];
  return t.deps.db
    .insert(transactions)
    .values(
      amounts.map((amount, i) => ({
        accountId,
        amount,
        currency,
        at: base + i * 3_600_000,
        counterparty: `Shop ${i}`,
      })),
    )
    .returning();
}

export async function addLoginEvent(t: TestApp, accountId: number, event: Partial<LoginEvent> = {}) {
  const [row] = await t.deps.db
    .insert(loginEvents)
    .values({
      accountId,
      at: t.deps.now(),
      outcome: 'success',
      ip: '203.0.113.7',
      device: 'Chrome on Windows',
      country: 'CN',
      ...event,
    })
    .returning();
  return row!;
}

export async function addDevice(t: TestApp, accountId: number, label = 'iPhone 15') {
  const now = t.deps.now();
  const [row] = await t.deps.db
    .insert(devices)
    .values({
      accountId,
      label,
      lastIp: '203.0.113.7',
      lastCountry: 'CN',
      firstSeenAt: now - 86_400_000,
      lastSeenAt: now,
    })
    .returning();
  return row!;
}

/**
 * `count` bare accounts in one insert (no password hashing, shared birthday and ID last 4): the crowds of
 * namesakes the lookup's ranking and plan tests need. `each(i)` overrides per row; the name forms follow
 * the row's full name unless it sets them.
 */
export async function insertCrowd(t: TestApp, count: number, each: (i: number) => Partial<NewAccount>) {
  await t.deps.db.insert(accounts).values(
    Array.from({ length: count }, (_, i) => {
      const row = each(i);
      const fullName = row.fullName ?? `P ${i}`;
      return {
        accountNumber: `OK${7000000000 + i}`,
        fullName,
        ...nameForms(fullName),
        dateOfBirth: '1970-01-01',
        phone: `+1555${i}`,
        email: `p${i}@x`,
        emailNorm: `p${i}@x`,
        nationalIdHash: 'h',
        nationalIdLast4: '0000',
        country: 'CN',
        passwordHash: 'x',
        ...row,
      };
    }),
  );
}
