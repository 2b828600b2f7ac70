import { eq } from 'drizzle-orm';
import { type Account, auditEvents, messages } from '../../src/db/tables';
import type { client, TestApp } from '../harness';
import { addTransactions } from './accounts';
import { lastDelivered } from './delivered';

type Client = Pick<ReturnType<typeof client>, 'post' | 'get'>;

/** Opens a phone case on the account through the API; fails the test if that does not work. */
export async function openCase(c: Client, accountId: number, callerDetails?: Record<string, string>) {
  const res = await c.post('/api/cases', { accountId, channel: 'phone', callerDetails });
  if (res.status !== 201) throw new Error(`open case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; level: number; [k: string]: unknown };
}

export async function check(c: Client, caseId: number, factor: string, value: string) {
  return c.post(`/api/cases/${caseId}/checks`, { factor, value });
}

/** The code as the customer's phone or mailbox received it: the last verification message of the case, delivered. */
export async function lastCodeSent(t: TestApp, caseId: number, channel: 'sms' | 'email'): Promise<string> {
  const text = await lastDelivered(
    t,
    eq(messages.caseId, caseId),
    eq(messages.channel, channel),
    eq(messages.template, 'verification_code'),
  );
  const code = text?.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('no verification code was delivered');
  return code;
}

/**
 * Brings a case to the requested level the honest way: name + date of birth (L1), then a recent
 * transaction (L2), then a code read from the customer's phone (L3; or their mailbox with `possession: 'email'`).
 */
export async function verifyTo(
  t: TestApp,
  c: Client,
  caseId: number,
  account: Account,
  level: 1 | 2 | 3,
  { possession = 'sms' }: { possession?: 'sms' | 'email' } = {},
) {
  const ok = async (factor: string, value: string) => {
    const res = await check(c, caseId, factor, value);
    if (!res.body.matched) throw new Error(`check ${factor} did not match: ${JSON.stringify(res.body)}`);
    return res.body.level as number;
  };
  await ok('full_name', account.fullName);
  let reached = await ok('date_of_birth', account.dateOfBirth);
  if (level >= 2) {
    const [tx] = await addTransactions(t, account.id, [123.45]);
    reached = await ok('recent_transaction', String(tx!.amount));
  }
  if (level >= 3) {
    const sent = await c.post(`/api/cases/${caseId}/otp`, { channel: possession });
    if (sent.status !== 202) throw new Error(`otp: ${sent.status}`);
    reached = await ok(`${possession}_otp`, await lastCodeSent(t, caseId, possession));
  }
  if (reached !== level) throw new Error(`expected level ${level}, got ${reached}`);
}

export async function auditRows(t: TestApp, action?: string) {
  const rows = await t.deps.db.select().from(auditEvents).orderBy(auditEvents.id);
  return action ? rows.filter((r) => r.action === action) : rows;
}
