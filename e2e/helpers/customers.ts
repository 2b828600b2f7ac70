import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import {
  type AccountLine,
  checkAccountLine,
  insertImportedAccount,
} from '../../server/src/accounts/accountImport';
import { createDb, inTransaction } from '../../server/src/db/client';
import { loadKeys } from '../../server/src/keys';
import { hashPassword } from '../../server/src/shared/passwords';

/** The run's folder made by playwright.config.ts: the server's database, key files and mailbox. */
function runDir(): string {
  const dir = process.env.RD_E2E_DIR;
  if (!dir) throw new Error('RD_E2E_DIR is not set: run the tests through playwright.config.ts');
  return dir;
}

export type Customer = {
  id: number;
  accountNumber: string;
  fullName: string;
  /** Mainland mobile, 11 digits, as a caller says it ("138 1234 5678"); stored as +86… */
  nationalPhone: string;
  e164: string;
  password: string;
  /** The most recent transaction's amount, the private-knowledge answer only the customer knows. */
  recentAmount: number;
};

type CustomerInput = Partial<
  Pick<AccountLine, 'status' | 'lockReason' | 'twoFactorEnabled' | 'phoneChangedAt'>
> & {
  fullName: string;
};

/**
 * A customer arranged the way accounts:import does it (the server's own import module: same validation, same
 * normalised and hashed columns, same key file), in the database of the server under test.
 */
export async function createCustomer(input: CustomerInput): Promise<Customer> {
  const nationalPhone = `138${String(randomInt(10_000_000, 100_000_000))}`;
  const password = `Wallet-e2e-${randomInt(1e6, 1e7)}`;
  const now = Date.now();
  const recentAmount = 1234.5;
  const checked = checkAccountLine({
    fullName: input.fullName,
    dateOfBirth: '1990-03-05',
    phone: `+86${nationalPhone}`,
    email: `e2e.${nationalPhone}@example.com`,
    nationalId: `1101011990030${randomInt(10_000, 100_000)}`,
    country: 'CN',
    password,
    status: input.status ?? 'active',
    lockReason: input.lockReason,
    twoFactorEnabled: input.twoFactorEnabled,
    phoneChangedAt: input.phoneChangedAt,
    transactions: [
      { amount: 88, currency: 'CNY', at: now - 5 * 86_400_000, counterparty: 'Tea house' },
      { amount: 560.2, currency: 'CNY', at: now - 3 * 86_400_000, counterparty: 'Grocer' },
      { amount: recentAmount, currency: 'CNY', at: now - 86_400_000, counterparty: 'Electronics' },
    ],
  });
  if (!checked.ok) throw new Error(`bad e2e customer: ${JSON.stringify(checked.problems)}`);
  const dbFile = join(runDir(), 'e2e.db');
  const { db, close } = createDb(dbFile, { migrate: false });
  try {
    const passwordHash = await hashPassword(password);
    const keys = loadKeys(dbFile);
    const row = await inTransaction(db, (tx) =>
      insertImportedAccount(tx, keys, checked.line, passwordHash, now),
    );
    return {
      ...row,
      fullName: input.fullName,
      nationalPhone,
      e164: `+86${nationalPhone}`,
      password,
      recentAmount,
    };
  } finally {
    close();
  }
}

/** "13812345678" → "138 1234 5678": how people read a mainland number out, not how it is stored. */
export function spokenPhone(national: string): string {
  return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}

/** A customer-side sign-in through the wallet API, from its own (documentation-range) IP and country. */
export async function walletLogin(
  request: APIRequestContext,
  login: string,
  password: string,
  from: { ip: string; country?: string },
) {
  const response = await request.post('/api/wallet/login', {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'X-Forwarded-For': from.ip,
      'X-Geo-Country': from.country ?? 'CN',
    },
    data: { login, password },
  });
  return response.status();
}

/** Five wrong passwords: the wallet's policy locks the account (failed_attempts) and answers 423 to the 5th. */
export async function lockByFailedSignIns(request: APIRequestContext, customer: Customer, ip: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++)
    statuses.push(await walletLogin(request, customer.e164, 'not-my-password', { ip }));
  expect(statuses).toEqual([401, 401, 401, 401, 423]);
}

/**
 * The first match of `pattern` in the newest SMS to `e164` sent since `after`, as the customer's phone receives
 * it: the outbox delivers to the mailbox folder (no SMS gateway configured in the e2e run). Never read from the
 * console or an API answer.
 */
export async function readSms(e164: string, pattern: RegExp, after = 0): Promise<string> {
  const dir = join(runDir(), 'mailbox');
  let found: string | undefined;
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith('.json'));
        } catch {
          return undefined;
        }
        for (const file of files.sort().reverse()) {
          const sms = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
            to: string;
            body: string;
            at: unknown;
          };
          const at = typeof sms.at === 'number' ? sms.at : Date.parse(String(sms.at));
          const match = sms.body.match(pattern);
          if (sms.to === e164 && match && at >= after - 1000) {
            found = match[1] ?? match[0];
            return found;
          }
        }
        return undefined;
      },
      { message: 'the SMS reaches the mailbox folder', timeout: 15_000 },
    )
    .toBeTruthy();
  return found!;
}

/** The one-time code of the verification SMS sent since `after`. */
export const readSmsCode = (e164: string, after: number) => readSms(e164, /\b(\d{6})\b/, after);
