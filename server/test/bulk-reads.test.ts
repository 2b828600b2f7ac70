import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/tables';
import { addDevice, addLoginEvent, addTransactions, createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/** Issue 7, finding 6: bulk and unaudited reads. */
let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const filterQuery = (filter: object, extra = '') =>
  `?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;
const rowsOf = async (action: string) =>
  (await t.deps.db.select().from(auditEvents)).filter((e) => e.action === action);

const ACTIVITY = ['login-events', 'devices', 'transactions'] as const;

async function accountWithActivity() {
  const { account } = await createAccount(t);
  await addLoginEvent(t, account.id, { ip: '203.0.113.7', outcome: 'failure' });
  await addDevice(t, account.id, 'iPhone 15');
  await addTransactions(t, account.id, [10, 20]);
  return account;
}

describe('finding 6: bulk and unaudited reads', () => {
  it('when getMany asks for 200 accounts, then 400 names filter.id and nothing is read or audited', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await createAccount(t)).account.id);
    const agent = await signedIn(t, 'agent');
    const many = Array.from({ length: 200 }, (_, i) => i + 1);
    for (const asked of [many, ids.slice(0, 26)]) {
      const res = await agent.get(`/api/accounts${filterQuery({ id: asked })}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ 'filter.id': expect.stringContaining('at most 25') });
    }
    expect(await rowsOf('account.view')).toHaveLength(0);
    const page = await agent.get(`/api/accounts${filterQuery({ id: ids.slice(0, 25) })}`);
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(25);
  });

  it('when getMany reads 3 accounts, then the trail has one view row per account, each naming it', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createAccount(t)).account.id);
    const agent = await signedIn(t, 'agent');
    expect((await agent.get(`/api/accounts${filterQuery({ id: ids })}`)).status).toBe(200);
    const views = await rowsOf('account.view');
    expect(views.map((v) => Number(v.targetId)).sort()).toEqual([...ids].sort());
    expect(views.every((v) => v.actorId === agent.member.id)).toBe(true);
  });

  it('when an agent reads sign-ins, devices or transactions without a case, then 403 case:required, audited as denied, no rows', async () => {
    const account = await accountWithActivity();
    const agent = await signedIn(t, 'agent');
    for (const resource of ACTIVITY) {
      const res = await agent.get(`/api/${resource}${filterQuery({ accountId: account.id })}`);
      expect(res.status, resource).toBe(403);
      expect(res.body).toMatchObject({ code: 'policy_refused', missing: ['case:required'] });
      expect(JSON.stringify(res.body)).not.toContain('203.0.113.7');
    }
    // An agent's reason is no pass; only supervisors read with a reason.
    const withReason = await agent.get(
      `/api/login-events${filterQuery({ accountId: account.id, reason: 'just curious about it' })}`,
    );
    expect(withReason.status).toBe(403);
    const denied = await rowsOf('account.activity_view');
    expect(denied).toHaveLength(4);
    expect(denied.every((r) => r.outcome === 'denied' && r.targetId === String(account.id))).toBe(true);
  });

  it('when the timeline is read without a case, then it leaves out the sign-ins, and asking for them is 403', async () => {
    const account = await accountWithActivity();
    const agent = await signedIn(t, 'agent');
    const all = await agent.get(`/api/account-timeline${filterQuery({ accountId: account.id })}`);
    expect(all.status).toBe(200);
    expect(JSON.stringify(all.body)).not.toContain('203.0.113.7');
    const signIns = await agent.get(
      `/api/account-timeline${filterQuery({ accountId: account.id, kind: 'sign_in' })}`,
    );
    expect(signIns.status).toBe(403);
    const kase = await openCase(agent, account.id);
    const inCase = await agent.get(
      `/api/account-timeline${filterQuery({ accountId: account.id, caseId: kase.id })}`,
    );
    expect(inCase.status).toBe(200);
    expect(JSON.stringify(inCase.body)).toContain('203.0.113.7');
  });

  it('when an agent reads the activity through their open case, then it comes back and the trail has one row for that case and account', async () => {
    const account = await accountWithActivity();
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, account.id);
    for (let round = 0; round < 2; round++) {
      for (const resource of ACTIVITY) {
        const res = await agent.get(
          `/api/${resource}${filterQuery({ accountId: account.id, caseId: kase.id }, '&range=[0,9]')}`,
        );
        expect(res.status, resource).toBe(200);
        expect(res.body.length, resource).toBeGreaterThan(0);
      }
    }
    const reads = await rowsOf('account.activity_view');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      outcome: 'success',
      caseId: kase.id,
      targetId: String(account.id),
      actorId: agent.member.id,
    });
  });

  it("when the case is on another account, closed, or another agent's, then 403 (404 unseen) and nothing is read", async () => {
    const account = await accountWithActivity();
    const { account: other } = await createAccount(t);
    const agent = await signedIn(t, 'agent');
    const elsewhere = await openCase(agent, other.id);
    const res = await agent.get(
      `/api/devices${filterQuery({ accountId: account.id, caseId: elsewhere.id })}`,
    );
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['case:same_account']);

    const second = await signedIn(t, 'agent');
    const theirs = await openCase(second, account.id);
    const unseen = await agent.get(
      `/api/devices${filterQuery({ accountId: account.id, caseId: theirs.id })}`,
    );
    expect(unseen.status).toBe(404);

    const mine = await openCase(agent, account.id);
    const closed = await agent.post(`/api/cases/${mine.id}/close`, { resolution: 'information_only' });
    expect(closed.status).toBe(200);
    const afterClose = await agent.get(
      `/api/login-events${filterQuery({ accountId: account.id, caseId: mine.id })}`,
    );
    expect(afterClose.status).toBe(403);
    expect(afterClose.body.missing).toEqual(['case:open']);
    expect((await rowsOf('account.activity_view')).filter((r) => r.outcome === 'success')).toHaveLength(0);
  });

  it('when a supervisor reads without a case, then a written reason is required, and each read with one is audited with it', async () => {
    const account = await accountWithActivity();
    const supervisor = await signedIn(t, 'supervisor');
    const bare = await supervisor.get(`/api/login-events${filterQuery({ accountId: account.id })}`);
    expect(bare.status).toBe(403);
    expect(bare.body.missing).toEqual(['case:required', 'reason:required']);
    const short = await supervisor.get(
      `/api/login-events${filterQuery({ accountId: account.id, reason: 'why' })}`,
    );
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.errors)).toEqual(['filter.reason']);
    const reason = 'fraud review of ticket 4411';
    for (let i = 0; i < 2; i++) {
      const res = await supervisor.get(`/api/login-events${filterQuery({ accountId: account.id, reason })}`);
      expect(res.status).toBe(200);
      expect(res.body[0].ip).toBe('203.0.113.7');
    }
    const reads = (await rowsOf('account.activity_view')).filter((r) => r.outcome === 'success');
    expect(reads).toHaveLength(2);
    expect(reads.every((r) => r.reason === reason && r.caseId === null)).toBe(true);
  });
});
