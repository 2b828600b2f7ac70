import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstRow } from '../src/db/rows';
import { emailChanges } from '../src/db/tables';
import { deliverDueMessages } from '../src/messages/delivery';
import { transportsFromConfig } from '../src/messages/transports';
import { type Arranged, arrange, fileChange, linkToken, REASON } from './email-change-flow';
import { reloadAccount } from './factories/accounts';
import { auditRows } from './factories/cases';
import { client, makeTestApp, type TestApp } from './harness';
import { mailText, startSmtpSink } from './messages-sinks';

/**
 * docs/design.md, Email changes (issue 11 point 6): at approval the old address hears at once, over a real SMTP
 * conversation, with a link that cancels the pending change; after confirmation the same link undoes it for 72 h.
 * The link is single-use, dies with its windows, and every use is audited.
 */

const HOUR = 3_600_000;
let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeEach(async () => {
  sink = await startSmtpSink();
  t = makeTestApp({ SMTP_URL: sink.url });
});
afterEach(async () => {
  await t.close();
  await sink.close();
});

/**
 * What the customer's mail server received for `to`, oldest first, decoded, once it holds `count` messages: the
 * approval's own delivery kick may be mid-conversation, so this delivers what is due and waits.
 */
async function mailTo(to: string, count: number): Promise<string[]> {
  const got = () => sink.received.filter((m) => m.rcptTo.includes(to)).map((m) => mailText(m.raw));
  for (let i = 0; i < 200 && got().length < count; i++) {
    await deliverDueMessages(t.deps, transportsFromConfig(t.deps.config, t.deps.now));
    await new Promise((r) => setTimeout(r, 25));
  }
  return got();
}

const revert = (token: string) => client(t).post('/api/wallet/email-change/revert', { token });
const confirm = (token: string) => client(t).post('/api/wallet/email-change/confirm', { token });
const tokenStatus = async (token: string) =>
  (await client(t).post('/api/wallet/token-status', { token, purpose: 'email_revert' })).body.status;

async function approved(s: Arranged, newEmail: string) {
  const filed = await fileChange(s, newEmail);
  expect(filed.status).toBe(201);
  expect(await mailTo(s.oldEmail, 0)).toEqual([]);
  const ok = await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
  expect(ok.status).toBe(200);
  const old = await mailTo(s.oldEmail, 1);
  expect(old).toHaveLength(1);
  const confirmMail = (await mailTo(newEmail, 1)).at(-1);
  return {
    id: filed.body.id as number,
    notice: old[0]!,
    revertToken: linkToken(old[0], 'revert-email'),
    confirmToken: linkToken(confirmMail, 'confirm-email'),
  };
}

const change = async (id: number) =>
  (await firstRow(t.deps.db.select().from(emailChanges).where(eq(emailChanges.id, id)).limit(1)))!;

describe('email change: the old address hears at approval', () => {
  it('when a supervisor approves, then the old address gets a notice at once whose link cancels the change: once, audited, and the confirmation link dies with it', async () => {
    const s = await arrange(t);
    const newEmail = `new.cancel.${Date.now()}@gmail.com`;
    const a = await approved(s, newEmail);
    expect(a.notice).toContain('/wallet/revert-email?token=');
    expect(a.notice).not.toContain(newEmail);
    // The customer is in China: the notice is in 简体中文, and says the link cancels the pending change.
    expect(a.notice).toContain('取消此更改');
    expect((await auditRows(t, 'email_change.approve'))[0]!.details).toContain('"oldAddressNotified":true');
    expect(await tokenStatus(a.revertToken)).toBe('valid');

    t.advance(HOUR);
    const cancelled = await revert(a.revertToken);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({
      status: 'cancelled',
      emailMasked: expect.stringContaining('***'),
      accountHeld: false,
    });
    expect(await change(a.id)).toMatchObject({
      status: 'reverted',
      revertedAt: t.deps.now(),
      confirmedAt: null,
    });
    // The email never changed, so nobody is signed out and nothing is held.
    expect(await reloadAccount(t, s.account.id)).toMatchObject({ email: s.oldEmail, status: 'active' });
    expect((await auditRows(t, 'wallet.email_change_cancel'))[0]).toMatchObject({
      outcome: 'success',
      actorUsername: 'customer',
      targetType: 'account',
      caseId: s.kase.id,
    });
    expect((await mailTo(s.oldEmail, 2)).at(-1)).toContain('邮箱更改已取消');

    // Single use, and the new address can no longer confirm.
    const again = await revert(a.revertToken);
    expect(again.status).toBe(400);
    expect(again.body.errors).toHaveProperty('token');
    expect(await tokenStatus(a.revertToken)).toBe('used');
    const late = await confirm(a.confirmToken);
    expect(late.status).toBe(400);
    expect((await reloadAccount(t, s.account.id)).email).toBe(s.oldEmail);
    expect(await auditRows(t, 'wallet.email_change_cancel')).toHaveLength(1);
  });

  it('when the new address confirms, then the old address is told without a second link, and the link from approval undoes the change', async () => {
    const s = await arrange(t);
    const newEmail = `new.undo.${Date.now()}@gmail.com`;
    const a = await approved(s, newEmail);
    expect((await confirm(a.confirmToken)).status).toBe(200);
    const old = await mailTo(s.oldEmail, 2);
    expect(old).toHaveLength(2);
    expect(old[1]).toContain('之前邮件中的链接');
    expect(old[1]).not.toContain('/wallet/revert-email');
    expect(await tokenStatus(a.revertToken)).toBe('valid');

    t.advance(71 * HOUR);
    const undone = await revert(a.revertToken);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'reverted', accountHeld: true });
    expect(await reloadAccount(t, s.account.id)).toMatchObject({ email: s.oldEmail, status: 'locked' });
    expect(await auditRows(t, 'wallet.email_change_revert')).toHaveLength(1);
    expect(await auditRows(t, 'wallet.email_change_cancel')).toHaveLength(0);
  });

  it('when the link comes after the change expired, or 72 h after it completed, then it is refused and nothing changes', async () => {
    const s = await arrange(t);
    const a = await approved(s, `new.expired.${Date.now()}@gmail.com`);
    t.advance(24 * HOUR + 1);
    const expired = await revert(a.revertToken);
    expect(expired.status).toBe(400);
    expect(expired.body.errors).toHaveProperty('token');
    expect((await change(a.id)).status).not.toBe('reverted');
    expect(await tokenStatus(a.revertToken)).toBe('expired');

    const s2 = await arrange(t);
    const done = await approved(s2, `new.done.${Date.now()}@gmail.com`);
    expect((await confirm(done.confirmToken)).status).toBe(200);
    t.advance(72 * HOUR + 1);
    const tooLate = await revert(done.revertToken);
    expect(tooLate.status).toBe(400);
    expect((await change(done.id)).status).toBe('completed');
    expect(await auditRows(t, 'wallet.email_change_cancel')).toHaveLength(0);
    expect(await auditRows(t, 'wallet.email_change_revert')).toHaveLength(0);
  });
});
