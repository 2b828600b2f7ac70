import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { messages } from '../src/db/tables';
import { addDevice, createAccount, reloadAccount } from './factories/accounts';
import { openCase, verifyTo } from './factories/cases';
import { lastDelivered } from './factories/delivered';
import { client, signedIn, type TestApp } from './harness';

/** Shared arrangements for the email-change tests (journey 2). */

export const REASON = 'Caller lost access to the old mailbox';

/** An agent at L3 on a case of an account with a signed-in device, and two supervisors. */
export async function arrange(t: TestApp, overrides: { email?: string } = {}) {
  const agent = await signedIn(t, 'agent');
  const approver = await signedIn(t, 'supervisor');
  const other = await signedIn(t, 'supervisor');
  const oldEmail = overrides.email ?? `zhang.wang.${Date.now()}@163.com`;
  const created = await createAccount(t, { email: oldEmail });
  await addDevice(t, created.account.id);
  const kase = await openCase(agent, created.account.id);
  await verifyTo(t, agent, kase.id, created.account, 3);
  const customer = client(t);
  return {
    agent,
    approver,
    other,
    customer,
    kase,
    oldEmail,
    account: await reloadAccount(t, created.account.id),
  };
}

export type Arranged = Awaited<ReturnType<typeof arrange>>;

/** The same account worked by another staff member in a case of their own at L3 (only a case's owner acts in it). */
export async function inOwnCase(t: TestApp, s: Arranged, staff: Arranged['agent']): Promise<Arranged> {
  const kase = await openCase(staff, s.account.id);
  const account = await reloadAccount(t, s.account.id);
  await verifyTo(t, staff, kase.id, account, 3);
  return { ...s, agent: staff, kase, account: await reloadAccount(t, s.account.id) };
}

export function fileChange(s: Arranged, newEmail: string, extra: Record<string, unknown> = {}) {
  return s.agent.post(`/api/accounts/${s.account.id}/email-change`, {
    caseId: s.kase.id,
    reason: REASON,
    version: s.account.version,
    newEmail,
    ...extra,
  });
}

/** The text of the last message of that template to that address, as the customer's mailbox received it. */
export function mailbox(t: TestApp, to: string, template: string): Promise<string | undefined> {
  return lastDelivered(t, eq(messages.recipient, to), eq(messages.template, template));
}

/** The token of the link a message carries, as the customer's browser would read it. */
export function linkToken(body: string | undefined, page: string): string {
  const match = body?.match(new RegExp(`/wallet/${page}\\?token=([A-Za-z0-9_%-]+)`));
  if (!match) throw new Error(`no ${page} link in: ${body}`);
  return decodeURIComponent(match[1]!);
}

/** No response may carry a full address: neither the local part nor the whole. */
export function expectMasked(res: { text: string }, ...emails: string[]) {
  for (const email of emails) {
    expect(res.text).not.toContain(email);
    expect(res.text).not.toContain(email.split('@')[0]);
  }
}

/** Files, approves and confirms a change; returns the revert token read from the old mailbox. */
export async function completeChange(t: TestApp, s: Arranged, newEmail: string) {
  const filed = await fileChange(s, newEmail);
  expect(filed.status).toBe(201);
  const approved = await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
  expect(approved.status).toBe(200);
  const confirmToken = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
  const confirmed = await s.customer.post('/api/wallet/email-change/confirm', { token: confirmToken });
  expect(confirmed.status).toBe(200);
  return {
    id: filed.body.id as number,
    revertToken: linkToken(await mailbox(t, s.oldEmail, 'email_change_notice_old'), 'revert-email'),
  };
}
