import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChainPg } from '../src/audit/pgAppend';
import { verifyChain } from '../src/audit/verify';
import type { PgDbOrTx } from '../src/db/pg';
import { createAccount, reloadAccount } from './factories/accounts';
import { auditRows, check, lastCodeSent, openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/** Issue 7, finding 9: the right answer under races (docs/design.md, Commands; Verification). */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Caller verified on the phone';

describe('finding 9: wrong answer under races', () => {
  it('when 50 parallel unlocks carry the version the agent saw, then one is 200 and 49 are 409 stale version — never 403 account:locked — and the chain verifies', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, {
      status: 'locked',
      lockReason: 'failed_attempts',
      lockedAt: Date.now() - 60_000,
      failedSignInCount: 5,
    });
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const { version } = await reloadAccount(t, account.id);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        agent.post(`/api/accounts/${account.id}/unlock`, { caseId: kase.id, reason: REASON, version }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const lost of answers.filter((r) => r.status === 409)) {
      expect(lost.body).toMatchObject({ currentVersion: version + 1 });
      expect(lost.body.missing).toBeUndefined();
    }
    expect(await reloadAccount(t, account.id)).toMatchObject({ status: 'active', version: version + 1 });
    const denied = (await auditRows(t, 'account.unlock')).filter((r) => r.outcome === 'denied');
    expect(denied).toHaveLength(49);
    expect(denied.every((r) => JSON.parse(r.details).why === 'stale_version')).toBe(true);
    const chain = t.deps.sqlite
      ? verifyChain(t.deps.sqlite, t.deps.keys.auditKey)
      : await verifyChainPg(t.deps.db as unknown as PgDbOrTx, t.deps.keys.auditKey);
    expect(chain).toMatchObject({ ok: true });
  });

  it('when a stale version meets a state the action no longer fits (hold of a held account), then 409 before the 403', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 1);
    const { version } = await reloadAccount(t, account.id);
    const body = { caseId: kase.id, reason: REASON, version };
    expect((await agent.post(`/api/accounts/${account.id}/hold`, body)).status).toBe(200);
    const again = await agent.post(`/api/accounts/${account.id}/hold`, body);
    expect(again.status).toBe(409);
    expect(again.body.currentVersion).toBe(version + 1);
  });

  it('when ten parallel submissions of the right code arrive, then one matches, nine answer 409 code_already_used, and the case stays verified and unfrozen', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(202);
    const code = await lastCodeSent(t, kase.id, 'sms');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => check(agent, kase.id, 'sms_otp', code)),
    );
    const matched = answers.filter((r) => r.status === 200);
    expect(matched).toHaveLength(1);
    expect(matched[0]!.body).toMatchObject({ matched: true, level: 3 });
    const used = answers.filter((r) => r.status === 409);
    expect(used).toHaveLength(9);
    for (const r of used) expect(r.body.code).toBe('code_already_used');
    const view = await agent.get(`/api/cases/${kase.id}`);
    expect(view.body).toMatchObject({ level: 3, verificationFrozen: false, mismatchCount: 0 });
    // The refusals are in the trail as denied checks, none of them a mismatch.
    const checks = await auditRows(t, 'case.check');
    expect(checks.filter((r) => r.outcome === 'denied')).toHaveLength(9);
    expect(checks.filter((r) => JSON.parse(r.details).matched === false)).toHaveLength(0);
  });
});
