import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimEscalated } from '../src/cases/handoffRepo';
import { createDb, type Db } from '../src/db/client';
import { createPgDb } from '../src/db/pgEngine';
import { caseHandoffs, cases, messages, staff } from '../src/db/tables';
import { createAccount, reloadAccount } from './factories/accounts';
import { auditRows, check, openCase, verifyTo } from './factories/cases';
import { createStaffMember, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Suspicious lock, caller verified to L3';
const suspicious = {
  status: 'locked' as const,
  lockReason: 'suspicious_activity' as const,
  lockedAt: Date.now() - 60_000,
  lockedUntil: null,
};

/** An agent's case on a suspicious_activity lock, verified to L3 and escalated. */
async function escalatedCase() {
  const agent = await signedIn(t, 'agent');
  const { account } = await createAccount(t, suspicious);
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 3);
  const res = await agent.post(`/api/cases/${kase.id}/escalate`, { reason: REASON });
  expect(res.status).toBe(200);
  return { agent, account, kase };
}

describe('escalating a case to the supervisors', () => {
  it('when an agent escalates, then the case waits in the queue with the account, level, checks, notes and who escalated', async () => {
    const agent = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t, suspicious);
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 3);
    expect(
      (await agent.post(`/api/cases/${kase.id}/notes`, { text: 'Travelling, signed in abroad' })).status,
    ).toBe(201);
    const res = await agent.post(`/api/cases/${kase.id}/escalate`, { reason: REASON });
    expect(res.body).toMatchObject({
      escalation: 'waiting',
      escalatedBy: agent.member.id,
      ownerId: agent.member.id,
    });
    expect(res.body.caseActions.escalate.missing).toContain('escalation:none');

    const queue = await boss.get('/api/escalations');
    expect(queue.status).toBe(200);
    expect(queue.headers['content-range']).toBe('escalations 0-0/1');
    expect(queue.body[0]).toMatchObject({
      id: kase.id,
      accountId: account.id,
      accountStatus: 'locked',
      lockReason: 'suspicious_activity',
      level: 3,
      escalationReason: REASON,
      escalatedByUsername: agent.member.username,
      escalatedAt: expect.any(Number),
      openedAt: expect.any(Number),
      notes: [expect.objectContaining({ text: 'Travelling, signed in abroad' })],
    });
    expect(queue.body[0].checks).toEqual(
      expect.arrayContaining([
        { factor: 'sms_otp', matched: true },
        { factor: 'full_name', matched: true },
      ]),
    );
    expect(JSON.stringify(queue.body)).not.toContain(account.dateOfBirth);
    expect((await agent.get('/api/escalations')).status).toBe(403);
    expect(await auditRows(t, 'case.escalate')).toMatchObject([
      { outcome: 'success', reason: REASON, caseId: kase.id },
    ]);
  });

  it('when the escalation reason holds a one-time code, then 400 naming the field and nothing changes', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const res = await agent.post(`/api/cases/${kase.id}/escalate`, { reason: 'caller read code 482 913' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'secret_in_text', kind: 'one_time_code' });
    expect(res.body.errors.reason).toMatch(/Never write what the caller must keep secret/);
    expect((await t.deps.db.select().from(cases).where(eq(cases.id, kase.id)))[0]?.escalation).toBeNull();
  });
});

describe('taking a case from the queue', () => {
  it('when five supervisors take the same case at once, then one wins and the other four get 409', async () => {
    const { kase } = await escalatedCase();
    const bosses = await Promise.all([1, 2, 3, 4, 5].map(() => signedIn(t, 'supervisor')));
    const answers = await Promise.all(bosses.map((b) => b.post(`/api/cases/${kase.id}/take`, {})));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = bosses[answers.findIndex((a) => a.status === 200)]!;
    const row = (await t.deps.db.select().from(cases).where(eq(cases.id, kase.id)))[0]!;
    expect(row).toMatchObject({ ownerId: winner.member.id, escalation: 'taken' });
    const takes = await t.deps.db.select().from(caseHandoffs).where(eq(caseHandoffs.kind, 'take'));
    expect(takes).toHaveLength(1);
    expect((await auditRows(t, 'case.take')).map((r) => r.outcome).sort()).toEqual([
      'denied',
      'denied',
      'denied',
      'denied',
      'success',
    ]);
    expect(answers.find((a) => a.status === 409)?.body.missing).toEqual(['escalation:waiting']);
  });

  it('when two connections both saw the case waiting, then only the first conditional claim changes it', async () => {
    const { kase } = await escalatedCase();
    const a = await createStaffMember(t, 'supervisor');
    const b = await createStaffMember(t, 'supervisor');
    const second = t.deps.config.DATABASE_URL
      ? createPgDb(t.deps.config.DATABASE_URL, { max: 1 })
      : createDb(t.dbFile, { migrate: false });
    try {
      expect((await claimEscalated(t.deps.db, kase.id, a.id, Date.now()))?.ownerId).toBe(a.id);
      expect(await claimEscalated(second.db as unknown as Db, kase.id, b.id, Date.now())).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('when a supervisor takes the case, then the level stays and they unlock a suspicious_activity lock in it without re-verifying; the agent only reads', async () => {
    const { agent, account, kase } = await escalatedCase();
    const boss = await signedIn(t, 'supervisor');
    // Before taking it, a supervisor does not act in the agent's case.
    const early = await boss.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: (await reloadAccount(t, account.id)).version,
    });
    expect(early.status).toBe(403);
    expect(early.body.missing).toContain('case:own');
    const taken = await boss.post(`/api/cases/${kase.id}/take`, {});
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ level: 3, ownerId: boss.member.id, escalation: 'taken' });
    expect(taken.body.actions.unlock).toEqual({ allowed: true, missing: [] });
    const unlock = await boss.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: (await reloadAccount(t, account.id)).version,
    });
    expect(unlock.status).toBe(200);
    expect((await reloadAccount(t, account.id)).status).toBe('active');

    // The agent who escalated still reads the case, but acts no more in it.
    const read = await agent.get(`/api/cases/${kase.id}`);
    expect(read.status).toBe(200);
    expect(read.body.caseActions.act.missing).toEqual(['case:owner']);
    expect((await agent.post(`/api/cases/${kase.id}/notes`, { text: 'still here' })).status).toBe(403);
    expect((await check(agent, kase.id, 'full_name', account.fullName)).status).toBe(403);
    expect(
      (
        await agent.post(`/api/accounts/${account.id}/sign-out-devices`, {
          caseId: kase.id,
          reason: REASON,
          version: (await reloadAccount(t, account.id)).version,
        })
      ).status,
    ).toBe(403);
    expect((await agent.post(`/api/cases/${kase.id}/close`, { resolution: 'unlocked' })).status).toBe(403);

    const closed = await boss.post(`/api/cases/${kase.id}/close`, { resolution: 'unlocked' });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'unlocked' });
  });

  it('when an agent calls take, then 403 by role; a case that was never escalated answers 409', async () => {
    const agent = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    expect((await agent.post(`/api/cases/${kase.id}/take`, {})).status).toBe(403);
    const res = await boss.post(`/api/cases/${kase.id}/take`, {});
    expect(res.status).toBe(409);
    expect(res.body.missing).toEqual(['escalation:waiting']);
  });
});

describe('returning a case', () => {
  it('when the supervisor returns it with a note, then the agent owns it again and the note is on the case; the supervisor no longer acts', async () => {
    const { agent, account, kase } = await escalatedCase();
    const boss = await signedIn(t, 'supervisor');
    await boss.post(`/api/cases/${kase.id}/take`, {});
    const other = await signedIn(t, 'supervisor');
    expect((await other.post(`/api/cases/${kase.id}/return`, { note: 'Not mine to return' })).status).toBe(
      403,
    );
    const res = await boss.post(`/api/cases/${kase.id}/return`, {
      note: 'Checked the trips: genuine, unlock it',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerId: agent.member.id, escalation: null, level: 3 });
    expect(res.body.notes.at(-1)).toMatchObject({
      text: 'Checked the trips: genuine, unlock it',
      author: { id: boss.member.id },
    });
    expect(res.body.handoffs.map((h: { kind: string }) => h.kind)).toEqual(['escalate', 'take', 'return']);
    // The agent acts again; the supervisor reads but is refused.
    expect((await agent.post(`/api/cases/${kase.id}/notes`, { text: 'Back with me' })).status).toBe(201);
    const bossNote = await boss.post(`/api/cases/${kase.id}/notes`, { text: 'one more' });
    expect(bossNote.status).toBe(403);
    expect(bossNote.body.missing).toEqual(['case:owner']);
    expect((await boss.get(`/api/cases/${kase.id}`)).status).toBe(200);
    const [returned] = await auditRows(t, 'case.return');
    expect(returned?.details).not.toContain('genuine');
    expect((await reloadAccount(t, account.id)).status).toBe('locked');
  });
});

describe('transferring a case', () => {
  it('when an agent transfers to another agent, then the new owner acts, the old one reads but cannot act, and a third agent gets 404', async () => {
    const alice = await signedIn(t, 'agent');
    const bob = await signedIn(t, 'agent');
    const carol = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(alice, account.id);
    await verifyTo(t, alice, kase.id, account, 1);
    const res = await alice.post(`/api/cases/${kase.id}/transfer`, {
      staffId: bob.member.id,
      reason: 'End of my shift',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerId: bob.member.id, openedBy: alice.member.id, level: 1 });
    expect(res.body.handoffs).toEqual([
      expect.objectContaining({
        kind: 'transfer',
        from: { id: alice.member.id, username: alice.member.username },
        to: { id: bob.member.id, username: bob.member.username },
        reason: 'End of my shift',
      }),
    ]);

    expect((await bob.post(`/api/cases/${kase.id}/notes`, { text: 'Taking over from Alice' })).status).toBe(
      201,
    );
    const bobHint = await bob.post(`/api/accounts/${account.id}/email-hint`, {
      caseId: kase.id,
      reason: 'Caller asked',
    });
    expect(bobHint.status).toBe(200);

    expect((await alice.get(`/api/cases/${kase.id}`)).status).toBe(200);
    const aliceHint = await alice.post(`/api/accounts/${account.id}/email-hint`, {
      caseId: kase.id,
      reason: 'Caller asked',
    });
    expect(aliceHint.status).toBe(403);
    expect(aliceHint.body.missing).toContain('case:own');
    expect((await alice.post(`/api/cases/${kase.id}/notes`, { text: 'me again' })).status).toBe(403);
    const back = await alice.post(`/api/cases/${kase.id}/transfer`, {
      staffId: alice.member.id,
      reason: 'Give it back',
    });
    expect(back.status).toBe(403);

    expect((await carol.get(`/api/cases/${kase.id}`)).status).toBe(404);
    expect(
      (await carol.post(`/api/cases/${kase.id}/transfer`, { staffId: carol.member.id, reason: 'Mine now' }))
        .status,
    ).toBe(404);

    const aliceList = await alice.get('/api/cases');
    expect(aliceList.body.map((c: { id: number }) => c.id)).toEqual([kase.id]);
    const aliceMine = await alice.get(`/api/cases?filter=${encodeURIComponent('{"scope":"mine"}')}`);
    expect(aliceMine.body).toEqual([]);
    const bobMine = await bob.get(`/api/cases?filter=${encodeURIComponent('{"scope":"mine"}')}`);
    expect(bobMine.body.map((c: { id: number }) => c.id)).toEqual([kase.id]);
    expect((await carol.get('/api/cases')).body).toEqual([]);
    expect((await auditRows(t, 'case.transfer')).map((r) => [r.outcome, r.reason])).toEqual([
      ['success', 'End of my shift'],
      ['denied', 'Give it back'],
      ['denied', 'Mine now'],
    ]);
  });

  it('when an agent transfers to a supervisor, to a disabled agent or to nobody, then 400 naming staffId', async () => {
    const agent = await signedIn(t, 'agent');
    const boss = await createStaffMember(t, 'supervisor');
    const gone = await createStaffMember(t, 'agent');
    await t.deps.db.update(staff).set({ disabled: true }).where(eq(staff.id, gone.id));
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    for (const staffId of [boss.id, gone.id, 999_999]) {
      const res = await agent.post(`/api/cases/${kase.id}/transfer`, { staffId, reason: 'Shift change' });
      expect(res.status, String(staffId)).toBe(400);
      expect(res.body.errors).toHaveProperty('staffId');
    }
    expect((await t.deps.db.select().from(cases).where(eq(cases.id, kase.id)))[0]?.ownerId).toBe(
      agent.member.id,
    );
  });

  it('when a supervisor transfers any agent’s case to another agent, then it moves; a waiting case must be taken first', async () => {
    const { agent, kase } = await escalatedCase();
    const boss = await signedIn(t, 'supervisor');
    const other = await createStaffMember(t, 'agent');
    const waiting = await boss.post(`/api/cases/${kase.id}/transfer`, {
      staffId: other.id,
      reason: 'Specialist',
    });
    expect(waiting.status).toBe(409);
    await boss.post(`/api/cases/${kase.id}/take`, {});
    const moved = await boss.post(`/api/cases/${kase.id}/transfer`, {
      staffId: other.id,
      reason: 'Specialist',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: other.id, escalation: null });
    const escalated = await agent.get(
      `/api/cases?filter=${encodeURIComponent('{"scope":"escalated_by_me"}')}`,
    );
    expect(escalated.body.map((c: { id: number }) => c.id)).toEqual([kase.id]);
  });
});

describe('closing as impostor suspected', () => {
  it('when an agent closes as impostor suspected and holds, then the report, a strict lock, the notice and both audit rows exist', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const res = await agent.post(`/api/cases/${kase.id}/close`, {
      resolution: 'impostor_suspected',
      hold: true,
      version: account.version,
    });
    expect(res.status).toBe(200);
    const after = await reloadAccount(t, account.id);
    expect(after).toMatchObject({
      status: 'locked',
      lockReason: 'suspicious_activity',
      lockedBy: agent.member.id,
    });
    expect(after.version).toBe(account.version + 1);
    const reports = await agent.get(
      `/api/impostor-reports?filter=${encodeURIComponent(`{"accountId":${account.id}}`)}`,
    );
    expect(reports.body).toMatchObject([{ accountId: account.id, caseId: kase.id, held: true }]);
    expect((await agent.get('/api/impostor-reports')).status).toBe(400);
    const boss = await signedIn(t, 'supervisor');
    expect((await boss.get('/api/impostor-reports')).headers['content-range']).toBe('impostor-reports 0-0/1');
    const sent = await t.deps.db.select().from(messages).where(eq(messages.accountId, account.id));
    expect(sent.map((m) => m.template)).toEqual(['account_held_for_review']);
    expect(await auditRows(t, 'account.hold')).toMatchObject([{ outcome: 'success', caseId: kase.id }]);
    expect(await auditRows(t, 'case.close')).toMatchObject([
      { outcome: 'success', reason: 'impostor_suspected' },
    ]);
  });

  it('when the agent does not hold, then only the report is written; hold with another resolution is 400', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const bad = await agent.post(`/api/cases/${kase.id}/close`, {
      resolution: 'information_only',
      hold: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('hold');
    const res = await agent.post(`/api/cases/${kase.id}/close`, { resolution: 'impostor_suspected' });
    expect(res.status).toBe(200);
    expect((await reloadAccount(t, account.id)).status).toBe('active');
    const reports = await agent.get(
      `/api/impostor-reports?filter=${encodeURIComponent(`{"accountId":${account.id}}`)}`,
    );
    expect(reports.body).toMatchObject([{ held: false }]);
  });

  it('when the hold is sent with a stale version, then 409 and nothing is written', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const res = await agent.post(`/api/cases/${kase.id}/close`, {
      resolution: 'impostor_suspected',
      hold: true,
      version: account.version + 5,
    });
    expect(res.status).toBe(409);
    expect((await reloadAccount(t, account.id)).status).toBe('active');
    expect((await agent.get(`/api/cases/${kase.id}`)).body.status).toBe('open');
    const reports = await agent.get(
      `/api/impostor-reports?filter=${encodeURIComponent(`{"accountId":${account.id}}`)}`,
    );
    expect(reports.body).toEqual([]);
  });
});

describe('whom a case can go to', () => {
  it('when an agent asks, then only other active agents; a supervisor gets every active staff member but themselves', async () => {
    const agent = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const peer = await createStaffMember(t, 'agent');
    const gone = await createStaffMember(t, 'agent');
    await t.deps.db.update(staff).set({ disabled: true }).where(eq(staff.id, gone.id));
    const forAgent = (await agent.get('/api/case-assignees')).body.map((s: { id: number }) => s.id);
    expect(forAgent).toEqual([peer.id]);
    const forBoss = (await boss.get('/api/case-assignees')).body.map((s: { id: number }) => s.id).sort();
    expect(forBoss).toEqual([agent.member.id, peer.id].sort());
    expect(JSON.stringify((await boss.get('/api/case-assignees')).body)).not.toMatch(/password|totp/i);
  });
});
