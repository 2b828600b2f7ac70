import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/client';
import { firstRow } from '../src/db/rows';
import { accounts, auditEvents, messages } from '../src/db/tables';
import { enqueueMessage } from '../src/messages/outbox';
import { createAccount } from './factories/accounts';
import { openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

async function failedResetMessage() {
  const { account } = await createAccount(t);
  const id = await inTransaction(t.deps.db, async (tx) =>
    enqueueMessage(tx, { account, channel: 'email', template: 'account_unlocked' }, t.deps.now()),
  );
  await t.deps.db
    .update(messages)
    .set({ status: 'failed', attempts: 8, lastError: 'ECONNREFUSED' })
    .where(eq(messages.id, id));
  return { account, id };
}

describe('resending a message', () => {
  it('when the case is at L1, then the failed message is queued again, audited, and the answer carries no body', async () => {
    const { account, id } = await failedResetMessage();
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 1);
    const res = await agent.post(`/api/messages/${id}/resend`, {
      caseId: kase.id,
      reason: 'customer says it never arrived',
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id, attempts: 0, lastError: null });
    expect(res.body).not.toHaveProperty('body');
    expect(res.body).not.toHaveProperty('recipient');
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'message.resend'));
    expect(audit.map((a) => a.outcome)).toEqual(['success']);
  });

  it('when the caller is not verified, then 403 says the level is missing and the message stays failed', async () => {
    const { account, id } = await failedResetMessage();
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, account.id);
    const res = await agent.post(`/api/messages/${id}/resend`, {
      caseId: kase.id,
      reason: 'customer says it never arrived',
    });
    expect(res.status).toBe(403);
    expect(res.body.missing).toContain('level:L1');
    expect(
      (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)))!.status,
    ).toBe('failed');
  });

  it('when the registered email changed since, then 409 and nothing is re-queued', async () => {
    const { account, id } = await failedResetMessage();
    await t.deps.db
      .update(accounts)
      .set({ email: 'new.address@example.com' })
      .where(eq(accounts.id, account.id));
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 1);
    const res = await agent.post(`/api/messages/${id}/resend`, {
      caseId: kase.id,
      reason: 'customer says it never arrived',
    });
    expect(res.status).toBe(409);
    expect(
      (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)))!.status,
    ).toBe('failed');
  });

  it('when the body lacks a reason, then 400 names it', async () => {
    const { id } = await failedResetMessage();
    const agent = await signedIn(t, 'agent');
    const res = await agent.post(`/api/messages/${id}/resend`, { caseId: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('reason');
  });
});
