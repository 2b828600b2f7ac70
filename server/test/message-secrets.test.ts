import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPendingBackfills, SECRET_REMOVED_ERROR } from '../src/db/backfills';
import { inTransaction } from '../src/db/client';
import { messages } from '../src/db/schema';
import { deliverDueMessages, UNREADABLE_SECRET } from '../src/messages/delivery';
import { enqueueMessage } from '../src/messages/outbox';
import { transportsFromConfig } from '../src/messages/transports';
import { createAccount } from './factories/accounts';
import { check, lastCodeSent, openCase, verifyTo } from './factories/cases';
import { deliveredText } from './factories/delivered';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

/** Issue 7, finding 3: no usable secret at rest in the outbox (docs/design.md, Messages). */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Caller never got the email';
const NEW_PASSWORD = 'the attacker chose this one';

/** Every value of the message row, as someone who copied the database file would read it. */
const rowText = (id: number) =>
  JSON.stringify(t.deps.sqlite!.prepare('SELECT * FROM messages WHERE id = ?').get(id));
const tokenIn = (text: string) => text.match(/token=([A-Za-z0-9_%-]{20,})/)?.[1];

async function agentAtL1() {
  const agent = await signedIn(t, 'agent');
  const { account } = await createAccount(t);
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 1);
  return { agent, account, kase };
}

function resetMessageId(accountId: number) {
  return t.deps.db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.accountId, accountId))
    .all()
    .at(-1)!.id;
}

const redeem = (token: string) =>
  client(t).post('/api/wallet/password-reset', {
    token: decodeURIComponent(token),
    newPassword: NEW_PASSWORD,
  });

describe('finding 3: usable secrets at rest', () => {
  it('when a reset link is queued and delivered, then the message row never holds a redeemable token: the body is redacted, the sealed text is wiped on delivery, and only the delivered link works', async () => {
    const { agent, account, kase } = await agentAtL1();
    const sent = await agent.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'email',
    });
    expect(sent.status).toBe(202);
    const id = resetMessageId(account.id);
    // Queued: the text to send is sealed (AES-256-GCM), the stored body names the page but not the token.
    const queued = t.deps.db.select().from(messages).where(eq(messages.id, id)).get()!;
    expect(queued.body).toContain('/wallet/reset-password?token=••••••');
    expect(queued.sealedBody).toMatch(/^v1\./);
    expect(tokenIn(rowText(id))).toBeUndefined();

    const delivered = await deliveredText(t, id);
    const token = tokenIn(delivered);
    expect(token).toBeDefined();
    const after = t.deps.db.select().from(messages).where(eq(messages.id, id)).get()!;
    expect(after).toMatchObject({ status: 'sent', sealedBody: null });
    expect(rowText(id)).not.toContain(token!);
    expect(after.body).toContain('/wallet/reset-password?token=••••••');
    // The delivered link is the customer's and works once.
    expect((await redeem(token!)).status).toBe(200);
  });

  it('when a one-time code is delivered, then neither the code nor a sealed copy stays in the row', async () => {
    const { agent, kase } = await agentAtL1();
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(202);
    const code = await lastCodeSent(t, kase.id, 'sms');
    const row = t.deps.db.select().from(messages).where(eq(messages.caseId, kase.id)).get()!;
    expect(row.sealedBody).toBeNull();
    expect(row.body).toContain('••••••');
    expect(rowText(row.id)).not.toContain(code);
  });

  it('when the agent resends a delivered reset link, then a fresh link is delivered, the old one no longer works, and the row again keeps no token', async () => {
    const { agent, account, kase } = await agentAtL1();
    await agent.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'sms',
    });
    const id = resetMessageId(account.id);
    const oldToken = tokenIn(await deliveredText(t, id))!;
    const resent = await agent.post(`/api/messages/${id}/resend`, { caseId: kase.id, reason: REASON });
    expect(resent.status).toBe(202);
    const newToken = tokenIn(await deliveredText(t, id))!;
    expect(newToken).not.toBe(oldToken);
    expect(rowText(id)).not.toContain(newToken);
    expect((await redeem(oldToken)).status).toBeGreaterThanOrEqual(400);
    expect((await redeem(newToken)).status).toBe(200);
  });

  it('when the agent resends a delivered code, then a fresh code arrives and the old one no longer matches', async () => {
    const { agent, kase } = await agentAtL1();
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    const oldCode = await lastCodeSent(t, kase.id, 'email');
    const id = resetMessageId(kase.accountId as number);
    expect((await agent.post(`/api/messages/${id}/resend`, { caseId: kase.id, reason: REASON })).status).toBe(
      202,
    );
    const newCode = await lastCodeSent(t, kase.id, 'email');
    if (newCode !== oldCode)
      expect((await check(agent, kase.id, 'email_otp', oldCode)).body.matched).toBe(false);
    expect((await check(agent, kase.id, 'email_otp', newCode)).body.matched).toBe(true);
  });

  it('when someone with write access points a queued reset at their own address, then the sealed text does not open and nothing is sent', async () => {
    const { account } = await createAccount(t);
    const link = 'http://localhost:3000/wallet/reset-password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const id = await inTransaction(t.deps.db, async (tx) =>
      enqueueMessage(
        tx,
        {
          account,
          channel: 'email',
          template: 'password_reset_link',
          vars: { link },
          sealKey: t.deps.keys.messageKey,
        },
        t.deps.now(),
      ),
    );
    t.deps.db.update(messages).set({ recipient: 'attacker@example.net' }).where(eq(messages.id, id)).run();
    const sentTo: string[] = [];
    const capture = async (m: { to: string }) => {
      sentTo.push(m.to);
    };
    await deliverDueMessages(t.deps, { email: capture, sms: capture });
    expect(sentTo).toEqual([]);
    expect(t.deps.db.select().from(messages).where(eq(messages.id, id)).get()).toMatchObject({
      status: 'failed',
      lastError: UNREADABLE_SECRET,
      nextAttemptAt: null,
      sealedBody: null,
    });
  });

  it('when a database from before sealed bodies is opened, then old links and codes are redacted and a queued one is given up for a resend', async () => {
    const { account } = await createAccount(t);
    const plain = (template: 'password_reset_link' | 'verification_code', vars: Record<string, string>) =>
      inTransaction(t.deps.db, async (tx) =>
        enqueueMessage(
          tx,
          { account, channel: 'sms', template, vars, sealKey: t.deps.keys.messageKey },
          t.deps.now(),
        ),
      );
    const link = 'http://localhost:3000/wallet/reset-password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const sentId = await plain('password_reset_link', { link });
    const queuedId = await plain('verification_code', { code: '271828' });
    // As the old code stored them: the whole text, nothing sealed.
    t.deps
      .sqlite!.prepare("UPDATE messages SET body = ?, sealed_body = NULL, status = 'sent' WHERE id = ?")
      .run(`OKPay: reset your password here (single use): ${link}`, sentId);
    t.deps
      .sqlite!.prepare('UPDATE messages SET body = ?, sealed_body = NULL WHERE id = ?')
      .run('OKPay code: 271828 (10 min).', queuedId);
    t.deps.sqlite!.prepare("INSERT INTO pending_backfills (name) VALUES ('message_secrets')").run();
    runPendingBackfills(t.deps.sqlite!);
    expect(rowText(sentId)).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(rowText(sentId)).toContain('reset-password?token=••••••');
    expect(rowText(queuedId)).not.toContain('271828');
    expect(t.deps.db.select().from(messages).where(eq(messages.id, queuedId)).get()).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
      lastError: SECRET_REMOVED_ERROR,
    });
    await deliverDueMessages(t.deps, transportsFromConfig(t.deps.config, t.deps.now));
    expect(t.deps.db.select().from(messages).where(eq(messages.id, queuedId)).get()?.status).toBe('failed');
  });
});
