import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../src/db/tables';
import { createAccount, reloadAccount } from './factories/accounts';
import { auditRows, check, openCase, verifyTo } from './factories/cases';
import { deliveredText } from './factories/delivered';
import { makeTestApp, signedIn, type TestApp } from './harness';

/** Issue 7, finding 4: limits per customer, not per case (docs/design.md, Limits per customer). */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Caller verified on the phone';

describe('finding 4: limits are per customer, not per case', () => {
  it('when wrong guesses are spread over new cases and a second agent, then the 3rd in 24 h freezes verification of the account, and only a supervisor other than the one who froze it lifts it', async () => {
    const first = await signedIn(t, 'agent');
    const second = await signedIn(t, 'agent');
    const freezer = await signedIn(t, 'supervisor');
    const reviewer = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const a = await openCase(first, account.id);
    expect((await check(first, a.id, 'date_of_birth', '1971-01-01')).body.matched).toBe(false);
    const b = await openCase(second, account.id);
    expect((await check(second, b.id, 'date_of_birth', '1972-02-02')).body.matched).toBe(false);
    // A third case shows the customer's count, not its own.
    const c = await openCase(freezer, account.id);
    expect(c).toMatchObject({ mismatchCount: 2, verificationFrozen: false });
    expect((await check(freezer, c.id, 'date_of_birth', '1973-03-03')).body.matched).toBe(false);
    // Every case on the account is frozen now, and so is a new one.
    for (const [staff, id] of [
      [first, a.id],
      [second, b.id],
      [freezer, c.id],
    ] as const) {
      expect((await check(staff, id, 'full_name', account.fullName)).status).toBe(423);
    }
    expect((await first.post(`/api/cases/${a.id}/otp`, { channel: 'sms' })).status).toBe(423);
    const fresh = await openCase(await signedIn(t, 'agent'), account.id);
    expect(fresh.verificationFrozen).toBe(true);
    expect(await auditRows(t, 'case.frozen')).toHaveLength(1);

    const own = await freezer.post(`/api/cases/${c.id}/unfreeze`, { reason: 'I checked it myself' });
    expect(own.status).toBe(403);
    expect(own.body.missing).toEqual(['reviewer:other_than_freezer']);
    const reviewed = await reviewer.post(`/api/cases/${a.id}/unfreeze`, {
      reason: 'Owner called back, confirmed',
    });
    expect(reviewed.status).toBe(200);
    expect((await check(second, b.id, 'full_name', account.fullName)).body.matched).toBe(true);
    // The count starts again after the review.
    expect((await second.get(`/api/cases/${b.id}`)).body).toMatchObject({
      mismatchCount: 0,
      verificationFrozen: false,
    });
  });

  it('when 40 wrong guesses arrive in parallel over five cases, then exactly 3 are counted as checks and the rest are refused', async () => {
    const { account } = await createAccount(t);
    const agents = await Promise.all(Array.from({ length: 5 }, () => signedIn(t, 'agent')));
    const kases = await Promise.all(agents.map((agent) => openCase(agent, account.id)));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        check(agents[i % 5]!, kases[i % 5]!.id, 'date_of_birth', `19${String(50 + i)}-01-01`),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 423)).toHaveLength(37);
  });

  it('when codes are asked over five cases on both channels, then the account gets 3 per 15 minutes and 10 a day, with Retry-After', async () => {
    const { account } = await createAccount(t);
    const agents = await Promise.all(Array.from({ length: 5 }, () => signedIn(t, 'agent')));
    const kases = await Promise.all(agents.map((agent) => openCase(agent, account.id)));
    const ask = (i: number) =>
      agents[i % 5]!.post(`/api/cases/${kases[i % 5]!.id}/otp`, { channel: i % 2 ? 'sms' : 'email' });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i)));
    expect(burst.filter((r) => r.status === 202)).toHaveLength(3);
    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    let sent = 3;
    for (let round = 0; round < 4; round++) {
      t.advance(15 * 60_000 + 1);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await ask(i)).status);
      sent += answers.filter((s) => s === 202).length;
    }
    // 3 + 3 + 3 + 1 (the daily 10 reached) + 0.
    expect(sent).toBe(10);
    expect(
      await t.deps.db.select().from(messages).where(eq(messages.template, 'verification_code')),
    ).toHaveLength(10);
  });

  it('when an agent loops holds and unlocks, then the customer gets one notice at once and one listing the rest after 5 minutes', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { country: 'US' });
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const firstNotice = async () => {
      const hold = await agent.post(`/api/accounts/${account.id}/hold`, {
        caseId: kase.id,
        reason: REASON,
        version: (await reloadAccount(t, account.id)).version,
      });
      expect(hold.status).toBe(200);
    };
    await firstNotice();
    const notices = async () =>
      (await t.deps.db.select().from(messages).where(eq(messages.accountId, account.id))).filter(
        (m) => m.template !== 'verification_code',
      );
    await deliveredText(t, (await notices())[0]!.id);
    for (let i = 0; i < 10; i++) {
      const { version, status } = await reloadAccount(t, account.id);
      const action = status === 'locked' ? 'unlock' : 'hold';
      const res = await agent.post(`/api/accounts/${account.id}/${action}`, {
        caseId: kase.id,
        reason: REASON,
        version,
      });
      expect(res.status).toBe(200);
    }
    const rows = await notices();
    expect(rows).toHaveLength(2);
    const digest = rows[1]!;
    expect(digest).toMatchObject({ template: 'account_activity', status: 'queued' });
    expect(digest.nextAttemptAt).toBe(rows[0]!.sentAt! + 5 * 60_000);
    t.advance(5 * 60_000);
    const text = await deliveredText(t, digest.id);
    expect(text.match(/unlocked your account/g)).toHaveLength(5);
    expect(text.match(/put your account on hold/g)).toHaveLength(5);
  });
});
