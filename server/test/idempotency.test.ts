import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../src/db/tables';
import { IDEMPOTENCY_WINDOW_MS } from '../src/http/idempotency';
import { createAccount } from './factories/accounts';
import { auditRows, lastCodeSent, openCase, verifyTo } from './factories/cases';
import { secondInstance } from './factories/secondInstance';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Agent = Awaited<ReturnType<typeof signedIn>>;
const keyed = (agent: Agent, url: string, body: unknown, key: string) =>
  agent.post(url, body).set('Idempotency-Key', key);

async function lockedAccountAtL2(agent: Agent) {
  const { account } = await createAccount(t, {
    status: 'locked',
    lockReason: 'failed_attempts',
    lockedAt: t.deps.now(),
    failedSignInCount: 5,
  });
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 2);
  return { account, kase };
}

describe('Idempotency-Key on creating requests', () => {
  it('when an unlock is sent twice with one key, then both get the first answer and one unlock is audited', async () => {
    const agent = await signedIn(t, 'agent');
    const { account, kase } = await lockedAccountAtL2(agent);
    const body = { caseId: kase.id, reason: 'caller verified', version: account.version };
    const url = `/api/accounts/${account.id}/unlock`;
    const [first, second] = await Promise.all([
      keyed(agent, url, body, 'unlock-intent-0001'),
      keyed(agent, url, body, 'unlock-intent-0001'),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'active', version: account.version + 1 });
    const unlocks = await auditRows(t, 'account.unlock');
    expect(unlocks.map((r) => r.outcome)).toEqual(['success']);
    // Exactly one of the two answers was replayed (which one depends on arrival order).
    const replayed = [first, second].map((r) => r.headers['idempotent-replayed']);
    expect(replayed.filter((h) => h === 'true')).toHaveLength(1);
  });

  it('when the repeat reaches another server instance, then it gets the first answer from the database and changes nothing', async () => {
    const agent = await signedIn(t, 'agent');
    const { account, kase } = await lockedAccountAtL2(agent);
    const body = { caseId: kase.id, reason: 'caller verified', version: account.version };
    const url = `/api/accounts/${account.id}/unlock`;
    const first = await keyed(agent, url, body, 'unlock-intent-0002');
    expect(first.status).toBe(200);
    // The same session cookie on the other instance: the session is in the database too.
    const cookie = String(first.headers['set-cookie']?.[0]).split(';')[0]!;
    const other = secondInstance(t);
    try {
      const repeat = await request(other.app)
        .post(url)
        .set('Cookie', cookie)
        .set('X-Requested-With', 'XMLHttpRequest')
        .set('Content-Type', 'application/json')
        .set('Idempotency-Key', 'unlock-intent-0002')
        .send(JSON.stringify(body));
      expect(repeat.status).toBe(200);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.body).toEqual(first.body);
    } finally {
      await other.close();
    }
    expect((await auditRows(t, 'account.unlock')).map((r) => r.outcome)).toEqual(['success']);
  });

  it('when the same code request is repeated, then one code is sent and it still matches', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const url = `/api/cases/${kase.id}/otp`;
    const a = await keyed(agent, url, { channel: 'sms' }, 'otp-intent-00001');
    const code = await lastCodeSent(t, kase.id, 'sms');
    const b = await keyed(agent, url, { channel: 'sms' }, 'otp-intent-00001');
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await auditRows(t, 'case.otp')).toHaveLength(1);
    const check = await agent.post(`/api/cases/${kase.id}/checks`, { factor: 'sms_otp', value: code });
    expect(check.body).toMatchObject({ matched: true });
  });

  it('when a refusal is repeated with its key, then the repeat is the same 403 and no second denial is audited', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { status: 'locked', lockReason: 'failed_attempts' });
    const kase = await openCase(agent, account.id);
    const body = { caseId: kase.id, reason: 'caller verified', version: account.version };
    const url = `/api/accounts/${account.id}/unlock`;
    const a = await keyed(agent, url, body, 'denied-intent-01');
    const b = await keyed(agent, url, body, 'denied-intent-01');
    expect([a.status, b.status]).toEqual([403, 403]);
    expect(b.body.missing).toEqual(a.body.missing);
    expect((await auditRows(t, 'account.unlock')).filter((r) => r.outcome === 'denied')).toHaveLength(1);
  });

  it('when a key comes back with another request, then 422 and nothing runs', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const other = await createAccount(t);
    const first = await keyed(
      agent,
      '/api/cases',
      { accountId: account.id, channel: 'phone' },
      'reused-key-0001',
    );
    expect(first.status).toBe(201);
    const reused = await keyed(
      agent,
      '/api/cases',
      { accountId: other.account.id, channel: 'phone' },
      'reused-key-0001',
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await auditRows(t, 'case.open')).toHaveLength(1);
  });

  it('when another staff member sends the same key, then theirs is a request of its own', async () => {
    const agent = await signedIn(t, 'agent');
    const agent2 = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const body = { accountId: account.id, channel: 'phone' };
    const mine = await keyed(agent, '/api/cases', body, 'shared-key-00001');
    const theirs = await keyed(agent2, '/api/cases', body, 'shared-key-00001');
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.openedBy).toBe(agent2.member.id);
  });

  it('when the window has passed, then the key runs again and the old row is gone', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const url = `/api/cases/${kase.id}/checks`;
    const body = { factor: 'full_name', value: 'Somebody Else' };
    await keyed(agent, url, body, 'late-repeat-0001');
    await keyed(agent, url, body, 'late-repeat-0001');
    expect(await auditRows(t, 'case.check')).toHaveLength(1);
    t.advance(IDEMPOTENCY_WINDOW_MS + 1);
    await keyed(agent, url, body, 'late-repeat-0001');
    expect(await auditRows(t, 'case.check')).toHaveLength(2);
    expect(await t.deps.db.select().from(idempotencyKeys)).toHaveLength(1);
  });

  it('when a reveal is kept for replay, then the stored answer does not hold the revealed value', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { email: 'kept.secret@example.com' });
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const body = { caseId: kase.id, reason: 'caller asked', field: 'email' };
    const a = await keyed(agent, `/api/accounts/${account.id}/reveal`, body, 'reveal-intent-01');
    const b = await keyed(agent, `/api/accounts/${account.id}/reveal`, body, 'reveal-intent-01');
    expect(a.body.value).toBe('kept.secret@example.com');
    expect(b.body).toEqual(a.body);
    expect(JSON.stringify(await t.deps.db.select().from(idempotencyKeys))).not.toContain('kept.secret');
  });

  it('when the key is malformed, then 400 naming the header', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const res = await keyed(agent, '/api/cases', { accountId: account.id, channel: 'phone' }, 'short');
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('Idempotency-Key');
    expect(await auditRows(t, 'case.open')).toHaveLength(0);
  });
});

describe('opening a case twice', () => {
  it('when the agent already has an open case on the account, then 200 with that case and nothing new', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { fullName: 'Wang Wei' });
    const details = { fullName: 'Wang Wei', dateOfBirth: '1990-03-05' };
    const first = await agent.post('/api/cases', {
      accountId: account.id,
      channel: 'phone',
      callerDetails: details,
    });
    const again = await agent.post('/api/cases', {
      accountId: account.id,
      channel: 'chat',
      callerDetails: details,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, channel: 'phone', level: 1 });
    expect(again.body.checks).toHaveLength(2);
    expect(await auditRows(t, 'case.open')).toHaveLength(1);
    expect(await auditRows(t, 'case.check')).toHaveLength(2);
  });

  it('when the first case is closed or belongs to someone else, then a new case opens', async () => {
    const agent = await signedIn(t, 'agent');
    const agent2 = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const mine = await openCase(agent, account.id);
    const theirs = await openCase(agent2, account.id);
    expect(theirs.id).not.toBe(mine.id);
    expect((await agent.post(`/api/cases/${mine.id}/close`, { resolution: 'information_only' })).status).toBe(
      200,
    );
    const next = await openCase(agent, account.id);
    expect(next.id).not.toBe(mine.id);
  });
});

describe('one case shape', () => {
  it('when cases are listed, then each row has the same fields as the case itself', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { fullName: 'Li Na' });
    const kase = await openCase(agent, account.id, { fullName: 'Li Na' });
    const list = await agent.get(
      `/api/cases?filter=${encodeURIComponent(JSON.stringify({ accountId: account.id }))}`,
    );
    const one = await agent.get(`/api/cases/${kase.id}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([one.body]);
    expect(list.body[0].checks).toEqual([expect.objectContaining({ factor: 'full_name', matched: true })]);
    expect(list.body[0].actions.unlock).toBeDefined();
  });
});
