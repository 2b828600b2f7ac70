import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts } from '../src/db/tables';
import { expireEmailChanges } from '../src/emailChanges/emailChangeExpiry';
import { normalizeEmail } from '../src/policy/normalize';
import {
  arrange,
  expectMasked,
  fileChange,
  inOwnCase,
  linkToken,
  mailbox,
  REASON,
} from './email-change-flow';
import { reloadAccount } from './factories/accounts';
import { auditRows, openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const fresh = (tag: string) => `next.${tag}.${Date.now()}@outlook.com`;

describe('email change expiry', () => {
  it('when nobody decides within 7 days, then the change reads as expired, cannot be approved, and the expiry is audited by the system', async () => {
    const s = await arrange(t);
    const filed = await fileChange(s, fresh('idle'));
    t.advance(7 * 24 * HOUR);
    const supervisor = await signedIn(t, 'supervisor'); // the staff sessions idled out meanwhile
    const view = await supervisor.get(`/api/email-changes/${filed.body.id}`);
    expect(view.body.status).toBe('expired');
    const res = await supervisor.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    expect(res.status).toBe(409);
    expect((await auditRows(t, 'email_change.expire'))[0]).toMatchObject({
      actorId: null,
      actorUsername: 'system',
    });
  });

  it('when the new address does not confirm within 24 h, then the background sweep expires it and the link is refused', async () => {
    const s = await arrange(t);
    const newEmail = fresh('slow');
    const filed = await fileChange(s, newEmail);
    await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    const token = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
    t.advance(23 * HOUR);
    expect(await expireEmailChanges(t.deps)).toBe(0);
    t.advance(HOUR);
    // Every instance sweeps on its own timer: two sweeps at once expire the change once, audited once.
    const swept = await Promise.all([expireEmailChanges(t.deps), expireEmailChanges(t.deps)]);
    expect(swept[0] + swept[1]).toBe(1);
    expect(await auditRows(t, 'email_change.expire')).toHaveLength(1);
    const res = await s.customer.post('/api/wallet/email-change/confirm', { token });
    expect(res.status).toBe(400);
    expect((await reloadAccount(t, s.account.id)).email).toBe(s.oldEmail);
    // An expired change no longer blocks a new request (a fresh supervisor: sessions idled out).
    const supervisor = await signedIn(t, 'supervisor');
    const again = await fileChange(await inOwnCase(t, s, supervisor), fresh('retry'));
    expect(again.status).toBe(201);
  });

  it('when the new address was registered elsewhere before confirming, then confirm is 409 and the email stays', async () => {
    const s = await arrange(t);
    const newEmail = fresh('race');
    const filed = await fileChange(s, newEmail);
    await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    const token = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
    const other = await arrange(t);
    await t.deps.db
      .update(accounts)
      .set({ email: newEmail, emailNorm: normalizeEmail(newEmail) })
      .where(eq(accounts.id, other.account.id));
    const res = await s.customer.post('/api/wallet/email-change/confirm', { token });
    expect(res.status).toBe(409);
    expect((await reloadAccount(t, s.account.id)).email).toBe(s.oldEmail);
  });
});

describe('email change lists', () => {
  it('when supervisors list, they see every change (filterable); an agent sees only their own; every row is masked', async () => {
    const s = await arrange(t);
    const mine = fresh('mine');
    const filed = await fileChange(s, mine);
    const otherAgent = await signedIn(t, 'agent');
    const { account: second } = await arrange(t);
    const kase2 = await openCase(otherAgent, second.id);
    await verifyTo(t, otherAgent, kase2.id, second, 3);
    const theirs = fresh('theirs');
    const their = await otherAgent.post(`/api/accounts/${second.id}/email-change`, {
      caseId: kase2.id,
      reason: REASON,
      version: (await reloadAccount(t, second.id)).version,
      newEmail: theirs,
    });
    expect(their.status).toBe(201);

    const all = await s.approver.get('/api/email-changes');
    expect(all.status).toBe(200);
    expect(all.headers['content-range']).toBe('email-changes 0-1/2');
    expectMasked(all, mine, theirs, s.oldEmail);
    expect(Object.keys(all.body[0]).sort()).toEqual(
      [
        'id',
        'accountId',
        'caseId',
        'requestedBy',
        'status',
        'oldEmailMasked',
        'newEmailMasked',
        'reason',
        'decidedBy',
        'decidedAt',
        'decisionReason',
        'confirmedAt',
        'revertUntil',
        'revertedAt',
        'createdAt',
        'updatedAt',
        'nextStepBy',
        'evidence',
      ].sort(),
    );
    const byAccount = await s.approver.get(
      `/api/email-changes?filter=${encodeURIComponent(JSON.stringify({ accountId: s.account.id, status: 'pending_approval' }))}`,
    );
    expect(byAccount.body.map((c: { id: number }) => c.id)).toEqual([filed.body.id]);

    const own = await s.agent.get('/api/email-changes');
    expect(own.body.map((c: { id: number }) => c.id)).toEqual([filed.body.id]);
    expect((await s.agent.get(`/api/email-changes/${their.body.id}`)).status).toBe(404);
    const mineView = await s.agent.get(`/api/email-changes/${filed.body.id}`);
    expect(mineView.body).toMatchObject({
      id: filed.body.id,
      status: 'pending_approval',
      requestedBy: s.agent.member.id,
    });
    expectMasked(mineView, mine, s.oldEmail);

    // The account page shows a pending change whoever filed it: an agent asking for one account sees its changes.
    const onAccount = await otherAgent.get(
      `/api/email-changes?filter=${encodeURIComponent(JSON.stringify({ accountId: s.account.id }))}`,
    );
    expect(onAccount.body.map((c: { id: number }) => c.id)).toEqual([filed.body.id]);
    expectMasked(onAccount, mine, s.oldEmail);
  });

  it('when a change is filed, then every route answers the evidence: the case level and channel, each check with its outcome and time, the requester, and the deadline of the step', async () => {
    const s = await arrange(t);
    const filed = await fileChange(s, fresh('evidence'));
    const one = await s.approver.get(`/api/email-changes/${filed.body.id}`);
    const [row] = (await s.approver.get('/api/email-changes')).body;
    expect(row).toEqual(one.body);
    const { evidence } = one.body;
    expect(evidence.case).toMatchObject({ id: s.kase.id, level: 3, channel: 'phone', status: 'open' });
    expect(evidence.requester).toMatchObject({ id: s.agent.member.id, username: s.agent.member.username });
    const factors = evidence.checks.map(
      (c: { factor: string; matched: boolean }) => `${c.factor}:${c.matched}`,
    );
    expect(factors).toEqual(expect.arrayContaining(['sms_otp:true', 'recent_transaction:true']));
    for (const check of evidence.checks) {
      expect(Object.keys(check).sort()).toEqual(['at', 'factor', 'matched', 'source']);
      expect(check.at).toBeGreaterThan(0);
    }
    expect(one.body.nextStepBy).toBe(one.body.createdAt + 7 * 24 * HOUR);

    const approved = await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    expect(approved.body.evidence).toEqual(evidence);
    expect(approved.body.nextStepBy).toBe(approved.body.decidedAt + 24 * HOUR);
  });

  it('when the filter is malformed, then 400 names it', async () => {
    const s = await arrange(t);
    const res = await s.approver.get(`/api/email-changes?filter=${encodeURIComponent('{"status":"nope"}')}`);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)[0]).toMatch(/^filter/);
  });
});
