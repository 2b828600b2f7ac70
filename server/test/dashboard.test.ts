import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../src/audit/dailyCounts';
import { appendAudit } from '../src/audit/writer';
import { CHART_DAYS, CHART_SERIES } from '../src/dashboard/dashboard';
import { inTransaction } from '../src/db/client';
import { rawAll, rawRun } from '../src/db/rows';
import { arrange, fileChange } from './email-change-flow';
import { TEST_ENGINE } from './engine/testDatabase';
import { createAccount } from './factories/accounts';
import { auditContext } from './factories/auditTrail';
import { check, openCase, verifyTo } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Signed = Awaited<ReturnType<typeof signedIn>>;
const walletSignIn = (login: string, password: string) =>
  client(t).post('/api/wallet/login', { login, password });

/** The trail grouped the slow way: what the per-day counters must always agree with. */
function trailByDayAndAction() {
  return rawAll(
    t.deps.db,
    `SELECT at / 86400000 AS day, action, outcome, coalesce(actor_id, 0) AS actorId, count(*) AS n
     FROM audit_events GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
}
function countersByDayAndAction() {
  return rawAll(
    t.deps.db,
    `SELECT day, action, outcome, actor_id AS actorId, sum(count) AS n
     FROM audit_daily_counts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
}

describe('agent dashboard', () => {
  it('when an agent has open cases, a code out and a closed case, then the dashboard lists their own open cases oldest first, the code waiting, and their last actions without reads', async () => {
    const agent = await signedIn(t, 'agent');
    const other = await signedIn(t, 'agent');
    const first = await createAccount(t, { fullName: '王小明' });
    const second = await createAccount(t, { fullName: 'José Núñez' });
    const third = await createAccount(t);
    const older = await openCase(agent, first.account.id);
    t.advance(60_000);
    const newer = await openCase(agent, second.account.id);
    await verifyTo(t, agent, newer.id, second.account, 1);
    expect((await agent.post(`/api/cases/${newer.id}/otp`, { channel: 'sms' })).status).toBe(202);
    const closed = await openCase(agent, third.account.id);
    expect(
      (await agent.post(`/api/cases/${closed.id}/close`, { resolution: 'information_only' })).status,
    ).toBe(200);
    await openCase(other, third.account.id);
    await agent.get(`/api/accounts/${first.account.id}`);

    const res = await agent.get('/api/dashboard/agent');
    expect(res.status).toBe(200);
    expect(res.body.openCases.total).toBe(2);
    expect(res.body.openCases.rows).toMatchObject([
      { id: older.id, accountId: first.account.id, maskedName: '王**', level: 0, accountStatus: 'active' },
      { id: newer.id, accountNumber: second.account.accountNumber, maskedName: 'J*** N****', level: 1 },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('José');
    expect(res.body.waiting).toMatchObject([{ kind: 'code_sent', caseId: newer.id, channel: 'sms' }]);
    const actions = (res.body.lastActions as { action: string; caseId: number }[]).map((a) => a.action);
    expect(actions[0]).toBe('case.close');
    expect(actions).toContain('case.otp');
    expect(actions).not.toContain('account.view');
    // A case's action names the case's account: number and masked name.
    expect(res.body.lastActions[0].target).toMatchObject({ accountNumber: third.account.accountNumber });
  });

  it('when the customer types the code, then it no longer waits; when an email change is approved, then it waits for the new address', async () => {
    const s = await arrange(t);
    const filed = await fileChange(s, 'new.address@example.com');
    expect(filed.status).toBe(201);
    // verifyTo used its SMS code: nothing waits on the phone any more.
    let res = await s.agent.get('/api/dashboard/agent');
    expect(res.body.waiting).toEqual([]);
    expect(
      (await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: 'Evidence checked' }))
        .status,
    ).toBe(200);
    res = await s.agent.get('/api/dashboard/agent');
    expect(res.body.waiting).toMatchObject([
      { kind: 'email_change', emailChangeId: filed.body.id, accountId: s.account.id },
    ]);
    // The approver filed nothing: their desk shows nothing waiting.
    expect((await s.approver.get('/api/dashboard/agent')).body.waiting).toEqual([]);
  });

  it('when nobody is signed in, then 401; the supervisors\u2019 tiles refuse an agent with 403', async () => {
    expect((await client(t).get('/api/dashboard/agent')).status).toBe(401);
    const agent = await signedIn(t, 'agent');
    for (const tile of ['actions', 'locks', 'queues', 'lookups']) {
      const res = await agent.get(`/api/dashboard/${tile}`);
      expect(res.status, tile).toBe(403);
      expect(res.body.missing).toEqual(['role:supervisor']);
    }
  });
});

describe('supervisor dashboard', () => {
  let sup: Signed;
  beforeEach(async () => {
    sup = await signedIn(t, 'supervisor');
  });

  it('when actions happen over several days, then actions per day counts each type on its UTC day and agrees with the trail', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { fullName: 'Zoë Müller' });
    await openCase(agent, account.id);
    for (let i = 0; i < 3; i++) await agent.post('/api/lookup', { fullName: 'Zoe Muller' });
    t.advance(DAY_MS);
    // A day later both sign in again (sessions do not last a day).
    const nextDay = await signedIn(t, 'agent');
    await nextDay.post('/api/lookup', { fullName: 'Zoe Muller' });

    const res = await (await signedIn(t, 'supervisor')).get('/api/dashboard/actions');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(CHART_DAYS);
    expect(res.body.days.at(-1)).toBe(new Date(t.deps.now()).toISOString().slice(0, 10));
    const lookups = res.body.series.find((s: { action: string }) => s.action === 'account.lookup');
    expect(lookups.data.slice(-2)).toEqual([3, 1]);
    expect(res.body.series.find((s: { action: string }) => s.action === 'case.open').data.at(-2)).toBe(1);
    expect(await countersByDayAndAction()).toEqual(await trailByDayAndAction());
  });

  it('when more action types happen than the chart shows, then the busiest stay apart and the rest add up in "other"', async () => {
    const ctx = auditContext(t, null);
    const actions = ['case.note', 'case.check', 'case.otp', 'case.open', 'case.close', 'case.escalate'];
    await inTransaction(t.deps.db, async (tx) => {
      for (const [i, action] of actions.entries()) {
        for (let n = 0; n <= i; n++)
          await appendAudit(tx, ctx, { action: action as 'case.note', outcome: 'success' });
      }
      await appendAudit(tx, ctx, { action: 'case.take', outcome: 'success' });
    });
    const res = await sup.get('/api/dashboard/actions');
    const names = res.body.series.map((s: { action: string }) => s.action);
    expect(names).toHaveLength(CHART_SERIES + 1);
    expect(names.slice(0, 2)).toEqual(['case.escalate', 'case.close']);
    expect(names.at(-1)).toBe('other');
    const other = res.body.series.at(-1).data.at(-1);
    // staff.sign_in (the supervisor's) and case.take are the two smallest.
    expect(res.body.otherActions).toEqual(expect.arrayContaining(['case.take']));
    expect(other).toBeGreaterThanOrEqual(2);
  });

  it('when a customer locks themselves out and an agent unlocks another, then locks now and unlocks by reason count them', async () => {
    const locked = await createAccount(t);
    for (let i = 0; i < 5; i++) await walletSignIn(locked.account.email, 'wrong password');
    const unlocked = await createAccount(t);
    for (let i = 0; i < 5; i++) await walletSignIn(unlocked.account.email, 'wrong password');
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, unlocked.account.id);
    await verifyTo(t, agent, kase.id, unlocked.account, 2);
    const view = (await agent.get(`/api/accounts/${unlocked.account.id}`)).body as { version: number };
    const done = await agent.post(`/api/accounts/${unlocked.account.id}/unlock`, {
      caseId: kase.id,
      reason: 'Caller verified, typo in password',
      version: view.version,
    });
    expect(done.status).toBe(200);

    const res = await sup.get('/api/dashboard/locks');
    expect(res.status).toBe(200);
    expect(res.body.lockedNow).toEqual([{ reason: 'failed_attempts', count: 1 }]);
    expect(res.body.unlocks).toEqual([{ reason: 'failed_attempts', count: 1 }]);
  });

  it('when an email change waits for approval and a case froze, then the queues show each with its age, oldest first', async () => {
    const s = await arrange(t);
    expect((await fileChange(s, 'new.address@example.com')).status).toBe(201);
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    for (let i = 0; i < 3; i++) await check(agent, kase.id, 'date_of_birth', '2001-01-01');

    const res = await sup.get('/api/dashboard/queues');
    expect(res.status).toBe(200);
    expect(res.body.pendingApprovals).toMatchObject({
      total: 1,
      oldest: [{ accountId: s.account.id, staffName: s.agent.member.fullName }],
    });
    expect(res.body.frozenVerifications).toMatchObject({
      total: 1,
      oldest: [{ caseId: kase.id, accountId: account.id, staffName: agent.member.fullName }],
    });
    expect(res.body.pendingApprovals.oldest[0].at).toBeLessThanOrEqual(t.deps.now());
    // The tile's link: the case list filtered to frozen verifications holds that case alone.
    const behind = await sup.get(`/api/cases?filter=${encodeURIComponent('{"frozen":true}')}`);
    expect(behind.body.map((c: { id: number }) => c.id)).toEqual([kase.id]);
  });

  it('when one agent looks customers up without cases and lookups are refused, then the lookups tile flags that agent by name and counts the refusals per day', async () => {
    const { account } = await createAccount(t, { fullName: 'Zoë Müller' });
    const curious = await signedIn(t, 'agent');
    const honest = await signedIn(t, 'agent');
    for (let i = 0; i < 12; i++) await curious.post('/api/lookup', { fullName: 'Zoe Muller' });
    await honest.post('/api/lookup', { fullName: 'Zoe Muller' });
    await openCase(honest, account.id);
    await inTransaction(t.deps.db, async (tx) =>
      appendAudit(tx, auditContext(t, curious.member), {
        action: 'account.lookup',
        outcome: 'denied',
        details: { why: 'rate_limited' },
      }),
    );

    const res = await sup.get('/api/dashboard/lookups');
    expect(res.status).toBe(200);
    expect(res.body.agents[0]).toMatchObject({
      id: curious.member.id,
      fullName: curious.member.fullName,
      lookups: 13,
      casesOpened: 0,
      flags: ['lookups_without_cases'],
    });
    expect(res.body.agents.find((a: { id: number }) => a.id === honest.member.id)).toMatchObject({
      lookups: 1,
      casesOpened: 1,
      flags: [],
    });
    expect(res.body.refusedLookups.total).toBe(1);
    expect(res.body.refusedLookups.data.at(-1)).toBe(1);
  });
});

describe('per-day counters', () => {
  it('when the counters are rebuilt by the backfill migration, then they equal what the writer counted event by event', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    for (let i = 0; i < 5; i++) await walletSignIn(account.email, 'wrong password');
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const view = (await agent.get(`/api/accounts/${account.id}`)).body as { version: number };
    await agent.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: 'Caller verified, typo in password',
      version: view.version,
    });
    t.advance(2 * DAY_MS);
    await agent.post('/api/lookup', { fullName: 'Nobody Atall' });
    const counters =
      'SELECT day, action, outcome, actor_id, subject, count FROM audit_daily_counts ORDER BY 1, 2, 3, 4, 5';
    const written = await rawAll(t.deps.db, counters);
    expect(written.some((r) => (r as { subject: string }).subject === 'failed_attempts')).toBe(true);

    await rawRun(t.deps.db, 'DELETE FROM audit_daily_counts');
    // Each engine's own backfill migration, run as its migrator would.
    const folder = TEST_ENGINE === 'pg' ? 'drizzle/pg' : 'drizzle';
    const backfill = readdirSync(folder).find((f) => f.endsWith('_audit_daily_counts_backfill.sql'));
    const text = readFileSync(`${folder}/${backfill}`, 'utf8');
    if (t.deps.sqlite) t.deps.sqlite.exec(text);
    else await rawRun(t.deps.db, { sqlite: '', pg: text });
    const rebuilt = await rawAll(t.deps.db, counters);
    expect(rebuilt).toEqual(written);
  });
});

describe('dashboard answers are reused only while the trail stands still', () => {
  it('when nothing was audited since, then the answer is reused for at most 2 s; an audited change or the time running out computes it afresh', async () => {
    const sup = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const lockedBy = async (reason: 'terms_violation' | 'customer_request') =>
      (
        (await sup.get('/api/dashboard/locks')).body as { lockedNow: { reason: string; count: number }[] }
      ).lockedNow.find((r) => r.reason === reason)?.count ?? 0;
    await createAccount(t, { status: 'locked', lockReason: 'terms_violation' });
    expect(await lockedBy('terms_violation')).toBe(1);
    // Written behind the app's back (no audit row): the memo still answers what it computed.
    await createAccount(t, { status: 'locked', lockReason: 'terms_violation' });
    t.advance(1_000);
    expect(await lockedBy('terms_violation')).toBe(1);

    // An audited change (the hold's own row) moves the trail's head: the next answer sees everything.
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 1);
    const current = (await agent.get(`/api/accounts/${account.id}`)).body as { version: number };
    const hold = await agent.post(`/api/accounts/${account.id}/hold`, {
      caseId: kase.id,
      reason: 'Customer asked, lost phone',
      version: current.version,
    });
    expect(hold.status).toBe(200);
    expect(await lockedBy('terms_violation')).toBe(2);
    expect(await lockedBy('customer_request')).toBe(1);

    // Time alone: past 2 s the answer is computed again.
    await createAccount(t, { status: 'locked', lockReason: 'terms_violation' });
    expect(await lockedBy('terms_violation')).toBe(2);
    t.advance(2_001);
    expect(await lockedBy('terms_violation')).toBe(3);
  });
});
