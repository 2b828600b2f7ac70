import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPendingBackfills, SECRET_REMOVED_ERROR } from '../src/db/backfills';
import { inTransaction } from '../src/db/client';
import { firstRow, rawGet } from '../src/db/rows';
import { messages } from '../src/db/tables';
import { deliverDueMessages, UNREADABLE_SECRET } from '../src/messages/delivery';
import { enqueueMessage } from '../src/messages/outbox';
import { transportsFromConfig } from '../src/messages/transports';
import { itSqliteOnly } from './engine/testDatabase';
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
const rowText = async (id: number) =>
  JSON.stringify(await rawGet(t.deps.db, 'SELECT * FROM messages WHERE id = ?', [id]));
const tokenIn = (text: string) => text.match(/token=([A-Za-z0-9_%-]{20,})/)?.[1];

async function agentAtL1() {
  const agent = await signedIn(t, 'agent');
  const { account } = await createAccount(t);
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 1);
  return { agent, account, kase };
}

async function resetMessageId(accountId: number) {
  return (
    await t.deps.db.select({ id: messages.id }).from(messages).where(eq(messages.accountId, accountId))
  ).at(-1)!.id;
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
    const id = await resetMessageId(account.id);
    // Queued: the text to send is sealed (AES-256-GCM), the stored body names the page but not the token.
    const queued = (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)))!;
    expect(queued.body).toContain('/wallet/reset-password?token=••••••');
    expect(queued.sealedBody).toMatch(/^v1\./);
    expect(tokenIn(await rowText(id))).toBeUndefined();

    const delivered = await deliveredText(t, id);
    const token = tokenIn(delivered);
    expect(token).toBeDefined();
    const after = (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)))!;
    expect(after).toMatchObject({ status: 'sent', sealedBody: null });
    expect(await rowText(id)).not.toContain(token!);
    expect(after.body).toContain('/wallet/reset-password?token=••••••');
    // The delivered link is the customer's and works once.
    expect((await redeem(token!)).status).toBe(200);
  });

  it('when a one-time code is delivered, then neither the code nor a sealed copy stays in the row', async () => {
    const { agent, kase } = await agentAtL1();
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(202);
    const code = await lastCodeSent(t, kase.id, 'sms');
    const row = (await firstRow(
      t.deps.db.select().from(messages).where(eq(messages.caseId, kase.id)).limit(1),
    ))!;
    expect(row.sealedBody).toBeNull();
    expect(row.body).toContain('••••••');
    expect(await rowText(row.id)).not.toContain(code);
  });

  it('when the agent resends a delivered reset link, then a fresh link is delivered, the old one no longer works, and the row again keeps no token', async () => {
    const { agent, account, kase } = await agentAtL1();
    await agent.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'sms',
    });
    const id = await resetMessageId(account.id);
    const oldToken = tokenIn(await deliveredText(t, id))!;
    const resent = await agent.post(`/api/messages/${id}/resend`, { caseId: kase.id, reason: REASON });
    expect(resent.status).toBe(202);
    const newToken = tokenIn(await deliveredText(t, id))!;
    expect(newToken).not.toBe(oldToken);
    expect(await rowText(id)).not.toContain(newToken);
    expect((await redeem(oldToken)).status).toBeGreaterThanOrEqual(400);
    expect((await redeem(newToken)).status).toBe(200);
  });

  it('when the agent resends a delivered code, then a fresh code arrives and the old one no longer matches', async () => {
    const { agent, kase } = await agentAtL1();
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    const oldCode = await lastCodeSent(t, kase.id, 'email');
    const id = await resetMessageId(kase.accountId as number);
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
    await t.deps.db.update(messages).set({ recipient: 'attacker@example.net' }).where(eq(messages.id, id));
    const sentTo: string[] = [];
    const capture = async (m: { to: string }) => {
      sentTo.push(m.to);
    };
    await deliverDueMessages(t.deps, { email: capture, sms: capture });
    expect(sentTo).toEqual([]);
    expect(
      await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)),
    ).toMatchObject({
      status: 'failed',
      lastError: UNREADABLE_SECRET,
      nextAttemptAt: null,
      sealedBody: null,
    });
  });

  itSqliteOnly(
    'when a database from before sealed bodies is opened, then old links and codes are redacted and a queued one is given up for a resend',
    'the backfill upgrades SQLite files written before sealed bodies; a PostgreSQL database starts with them (its migrations, or db:copy of an upgraded file)',
    async () => {
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
      expect(await rowText(sentId)).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz');
      expect(await rowText(sentId)).toContain('reset-password?token=••••••');
      expect(await rowText(queuedId)).not.toContain('271828');
      expect(
        await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, queuedId)).limit(1)),
      ).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
        lastError: SECRET_REMOVED_ERROR,
      });
      await deliverDueMessages(t.deps, transportsFromConfig(t.deps.config, t.deps.now));
      expect(
        (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, queuedId)).limit(1)))?.status,
      ).toBe('failed');
    },
  );
});
