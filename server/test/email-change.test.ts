import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstRow, rawRun } from '../src/db/rows';
import { devices, emailChanges } from '../src/db/tables';
import {
  arrange,
  completeChange,
  expectMasked,
  fileChange,
  inOwnCase,
  linkToken,
  mailbox,
  REASON,
} from './email-change-flow';
import { createAccount, reloadAccount } from './factories/accounts';
import { auditRows } from './factories/cases';
import { makeTestApp, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const fresh = (tag: string) => `new.${tag}.${Date.now()}@gmail.com`;

describe('email change: request → approve → confirm → revert', () => {
  it('when an agent at L3 files a change, a second supervisor approves, the new address confirms and the old one reverts, then the account is back on the old address, signed out everywhere and held', async () => {
    const s = await arrange(t);
    const newEmail = fresh('flow');

    const filed = await fileChange(s, newEmail);
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ id: expect.any(Number), status: 'pending_approval' });
    expect((await reloadAccount(t, s.account.id)).version).toBe(s.account.version + 1);
    expect(await mailbox(t, newEmail, 'email_change_confirm')).toBeUndefined();
    const [requestAudit] = await auditRows(t, 'account.email_change_request');
    expect(requestAudit).toMatchObject({ outcome: 'success', caseId: s.kase.id, actorId: s.agent.member.id });
    expect(requestAudit!.details).not.toContain(newEmail.split('@')[0]);

    const approved = await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      id: filed.body.id,
      status: 'awaiting_confirmation',
      decidedBy: s.approver.member.id,
      decisionReason: REASON,
      oldEmailMasked: expect.stringContaining('***'),
      newEmailMasked: expect.stringContaining('***'),
    });
    expectMasked(approved, s.oldEmail, newEmail);
    expect((await auditRows(t, 'email_change.approve'))[0]).toMatchObject({
      outcome: 'success',
      actorId: s.approver.member.id,
    });

    const confirmToken = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
    const confirmed = await s.customer.post('/api/wallet/email-change/confirm', { token: confirmToken });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({
      status: 'completed',
      newEmailMasked: expect.stringContaining('***'),
      revertUntil: t.deps.now() + 72 * HOUR,
    });
    expectMasked(confirmed, s.oldEmail, newEmail);
    expect(await reloadAccount(t, s.account.id)).toMatchObject({
      email: newEmail,
      emailNorm: newEmail,
      status: 'active',
    });
    expect(await mailbox(t, newEmail, 'email_change_completed')).toBeDefined();
    const notice = await mailbox(t, s.oldEmail, 'email_change_notice_old');
    expect(notice).toContain('/wallet/revert-email?token=');
    expect(notice).not.toContain(newEmail);

    const again = await s.customer.post('/api/wallet/email-change/confirm', { token: confirmToken });
    expect(again.status).toBe(400);
    expect(again.body.errors).toHaveProperty('token');

    t.advance(71 * HOUR);
    const reverted = await s.customer.post('/api/wallet/email-change/revert', {
      token: linkToken(notice, 'revert-email'),
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toEqual({
      status: 'reverted',
      emailMasked: expect.stringContaining('***'),
      accountHeld: true,
    });
    expectMasked(reverted, s.oldEmail, newEmail);
    const after = await reloadAccount(t, s.account.id);
    expect(after).toMatchObject({
      email: s.oldEmail,
      status: 'locked',
      lockReason: 'customer_request',
      lockedBy: null,
      version: s.account.version + 3,
    });
    const live = await t.deps.db.select().from(devices).where(eq(devices.accountId, s.account.id));
    expect(live.every((d) => d.revokedAt !== null)).toBe(true);
    const change = await firstRow(
      t.deps.db.select().from(emailChanges).where(eq(emailChanges.id, filed.body.id)).limit(1),
    );
    expect(change).toMatchObject({ status: 'reverted', revertedAt: t.deps.now() });
    expect((await auditRows(t, 'wallet.email_change_revert'))[0]).toMatchObject({
      outcome: 'success',
      actorId: null,
      actorUsername: 'customer',
    });
  });

  it('when the revert link is used after 72 h, then 400 on token and the new address stays', async () => {
    const s = await arrange(t);
    const newEmail = fresh('late');
    const { revertToken } = await completeChange(t, s, newEmail);
    t.advance(72 * HOUR + 1);
    const res = await s.customer.post('/api/wallet/email-change/revert', { token: revertToken });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('token');
    expect(await reloadAccount(t, s.account.id)).toMatchObject({ email: newEmail, status: 'active' });
  });

  it('when a link is unknown or the body is empty, then 400 names the token and nothing changes', async () => {
    const s = await arrange(t);
    const bogus = await s.customer.post('/api/wallet/email-change/confirm', { token: 'not-a-token' });
    const empty = await s.customer.post('/api/wallet/email-change/revert', {});
    for (const res of [bogus, empty]) {
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('token');
    }
  });
});

describe('email change: two-person approval', () => {
  it('when the requester (a supervisor) tries to approve their own change, then 403 names approver:other_than_requester and it is audited as denied', async () => {
    const s = await arrange(t);
    const own = await fileChange(await inOwnCase(t, s, s.approver), fresh('own'));
    expect(own.status).toBe(201);
    const res = await s.approver.post(`/api/email-changes/${own.body.id}/approve`, { reason: REASON });
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['approver:other_than_requester']);
    expect(res.body.code).toBe('policy_refused');
    expect((await auditRows(t, 'access.denied')).length).toBe(0);
    expect((await auditRows(t, 'email_change.approve'))[0]).toMatchObject({
      outcome: 'denied',
      actorId: s.approver.member.id,
    });
    const view = await s.other.get(`/api/email-changes/${own.body.id}`);
    expect(view.body.status).toBe('pending_approval');
  });

  it('when an agent tries to approve, then 403 for the role and the change stays pending', async () => {
    const s = await arrange(t);
    const filed = await fileChange(s, fresh('agent'));
    const res = await s.agent.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'role_required', missing: ['role:supervisor'] });
    const denied = await auditRows(t, 'access.denied');
    expect(denied.length).toBe(1);
    expect(JSON.parse(denied[0]!.details).missing).toEqual(['role:supervisor']);
    expect((await s.approver.get(`/api/email-changes/${filed.body.id}`)).body.status).toBe(
      'pending_approval',
    );
  });

  it('when a supervisor rejects, then the change is rejected, nothing is sent, and a second decision is 409', async () => {
    const s = await arrange(t);
    const newEmail = fresh('reject');
    const filed = await fileChange(s, newEmail);
    const res = await s.approver.post(`/api/email-changes/${filed.body.id}/reject`, {
      reason: 'Caller could not explain',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', decidedBy: s.approver.member.id });
    expect(await mailbox(t, newEmail, 'email_change_confirm')).toBeUndefined();
    const late = await s.other.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    expect(late.status).toBe(409);
    expect((await reloadAccount(t, s.account.id)).email).toBe(s.oldEmail);
  });
});

describe('email change: request rules', () => {
  it('when the account changed since the agent loaded it, then 409 and no change is filed', async () => {
    const s = await arrange(t);
    await rawRun(t.deps.db, 'UPDATE accounts SET version = version + 1 WHERE id = ?', [s.account.id]);
    const res = await fileChange(s, fresh('stale'));
    expect(res.status).toBe(409);
    expect(await t.deps.db.select().from(emailChanges)).toHaveLength(0);
  });

  it('when a change is already open on the account, then a second one is 409 and audited as denied', async () => {
    const s = await arrange(t);
    expect((await fileChange(s, fresh('one'))).status).toBe(201);
    const second = await fileChange({ ...s, account: await reloadAccount(t, s.account.id) }, fresh('two'));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('open_change');
    expect((await auditRows(t, 'account.email_change_request')).map((r) => r.outcome)).toEqual([
      'success',
      'denied',
    ]);
  });

  it('when the new address belongs to another account (in any case), then 409 without saying whose', async () => {
    const s = await arrange(t);
    const { account: taken } = await createAccount(t, { email: `taken.${Date.now()}@qq.com` });
    const res = await fileChange(s, `  ${taken.email.toUpperCase()} `);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('address_taken');
    expectMasked(res, taken.email);
  });

  it('when the new address is invalid or the current one, then 400 names newEmail', async () => {
    const s = await arrange(t);
    const invalid = await fileChange(s, 'not-an-email');
    const same = await fileChange(s, s.oldEmail.toUpperCase());
    for (const res of [invalid, same]) {
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('newEmail');
    }
  });

  it('when the case is only at L2, then 403 says level:L3 is missing', async () => {
    const s = await arrange(t);
    await rawRun(t.deps.db, 'UPDATE cases SET level = 2 WHERE id = ?', [s.kase.id]);
    const res = await fileChange(s, fresh('l2'));
    expect(res.status).toBe(403);
    expect(res.body.missing).toContain('level:L3');
  });
});
