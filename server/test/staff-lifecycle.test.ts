import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disableStaffMember } from '../../scripts/lib/staffAdmin';
import { auditEvents, sessions, staff } from '../src/db/tables';
import { totpCode } from '../src/staff/totp';
import {
  client,
  createStaffMember,
  enrolThroughApi,
  makeTestApp,
  STAFF_PASSWORD,
  signedIn,
  signInWithTotp,
  type TestApp,
} from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'New starter on the phone team';
const NEW_PASSWORD = 'my own long password 2026';

const trail = async (action: string) =>
  (
    await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id)
  ).map((e) => ({
    outcome: e.outcome,
    reason: e.reason,
    targetId: e.targetId,
    details: JSON.parse(e.details),
  }));

const activeSupervisors = async () =>
  (
    await t.deps.db
      .select()
      .from(staff)
      .where(and(eq(staff.role, 'supervisor'), eq(staff.disabled, false)))
  ).length;

async function signInAs(username: string, password: string) {
  const c = client(t);
  const res = await c.post('/api/auth/login', { username, password });
  return { c, res };
}

async function createAgent(sup: Awaited<ReturnType<typeof signedIn>>, username = 'newagent') {
  const res = await sup.post('/api/staff', { username, fullName: '陈静', role: 'agent', reason: REASON });
  expect(res.status).toBe(201);
  return res.body as { id: number; temporaryPassword: string; username: string };
}

describe('creating staff', () => {
  it('when a supervisor creates an agent, then the temporary password is shown once, works once, and must be changed before anything else', async () => {
    const sup = await signedIn(t, 'supervisor');
    const created = await createAgent(sup);
    expect(created).toMatchObject({ username: 'newagent', role: 'agent', mustChangePassword: true });
    expect(created.temporaryPassword).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    // Never again: the record as listed or shown holds no password.
    const shown = await sup.get(`/api/staff/${created.id}`);
    expect(JSON.stringify(shown.body)).not.toContain(created.temporaryPassword);
    expect(shown.body).not.toHaveProperty('passwordHash');
    expect(await trail('staff.create')).toEqual([
      {
        outcome: 'success',
        reason: REASON,
        targetId: String(created.id),
        details: { username: 'newagent', fullName: '陈静', role: 'agent' },
      },
    ]);
    expect(JSON.stringify(await trail('staff.create'))).not.toContain(created.temporaryPassword);

    const { c, res } = await signInAs('newagent', created.temporaryPassword);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'newagent', mustChangePassword: true });
    const refused = await c.get('/api/cases');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'password_change_required', missing: ['password:changed'] });
    expect((await c.post('/api/lookup', { fullName: 'x' })).status).toBe(403);
    expect((await c.get('/api/auth/me')).body.mustChangePassword).toBe(true);

    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toHaveProperty('currentPassword');
    const short = await c.post('/api/auth/password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toHaveProperty('newPassword');

    const changed = await c.post('/api/auth/password', {
      currentPassword: created.temporaryPassword,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ mustChangePassword: false, mfaEnrolmentRequired: true });
    // Their own password is not yet enough: an agent enrols an authenticator before anything else.
    expect((await c.get('/api/cases')).body.code).toBe('mfa_enrolment_required');
    const { secret } = await enrolThroughApi(t, c);
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await trail('staff.password_change')).map((e) => e.outcome)).toEqual(['denied', 'success']);

    expect((await signInAs('newagent', created.temporaryPassword)).res.status).toBe(401);
    t.advance(30_000);
    const again = await signInWithTotp(t, client(t), 'newagent', NEW_PASSWORD, secret);
    expect(again.body).toMatchObject({ mustChangePassword: false, mfaEnrolmentRequired: false });
  });

  it('when a temporary password is not used within 72 hours, then it no longer signs in', async () => {
    const sup = await signedIn(t, 'supervisor');
    const created = await createAgent(sup);
    t.advance(72 * 3_600_000 + 1);
    const { res } = await signInAs('newagent', created.temporaryPassword);
    expect(res.status).toBe(401);
    expect((await trail('staff.sign_in')).at(-1)?.details.why).toBe('temporary_password_expired');
  });

  it('when the body is bad, then 400 names each field and nothing is created', async () => {
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.post('/api/staff', { username: 'a b', fullName: '', role: 'admin', reason: 'x' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['fullName', 'reason', 'role', 'username']);
    expect(await t.deps.db.select().from(staff)).toHaveLength(1);
  });

  it('when the username is taken, then 409 username_taken, audited as denied', async () => {
    const sup = await signedIn(t, 'supervisor');
    await createAgent(sup);
    const again = await sup.post('/api/staff', {
      username: 'newagent',
      fullName: 'X',
      role: 'agent',
      reason: REASON,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('username_taken');
    expect((await trail('staff.create')).map((e) => e.outcome)).toEqual(['success', 'denied']);
  });

  it('when an agent calls any staff route, then 403 role_required and nothing changes', async () => {
    const agent = await signedIn(t, 'agent');
    const other = await createStaffMember(t, 'agent');
    const body = { username: 'sneaky', fullName: 'S', role: 'supervisor', reason: REASON };
    expect((await agent.post('/api/staff', body)).body.code).toBe('role_required');
    expect(
      (await agent.put(`/api/staff/${agent.member.id}`, { role: 'supervisor', reason: REASON })).status,
    ).toBe(403);
    for (const step of ['disable', 'enable', 'reset-password', 'unlock', 'reset-mfa']) {
      expect((await agent.post(`/api/staff/${other.id}/${step}`, { reason: REASON })).status).toBe(403);
    }
    expect(await t.deps.db.select().from(staff).where(eq(staff.username, 'sneaky'))).toEqual([]);
    expect((await agent.get('/api/auth/me')).body.role).toBe('agent');
  });

  it('when someone tries to delete a staff member, then there is no such route', async () => {
    const sup = await signedIn(t, 'supervisor');
    const other = await createStaffMember(t, 'agent');
    const res = await sup.agent.delete(`/api/staff/${other.id}`).set('X-Requested-With', 'XMLHttpRequest');
    expect(res.status).toBe(404);
    expect(await t.deps.db.select().from(staff).where(eq(staff.id, other.id))).toHaveLength(1);
  });
});

describe('disabling and enabling', () => {
  it('when a supervisor disables an agent, then the open session is refused at once, sign-in is refused, and enable lets them back', async () => {
    const sup = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    expect((await agent.get('/api/cases')).status).toBe(200);
    const res = await sup.post(`/api/staff/${agent.member.id}/disable`, { reason: 'Left the company today' });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await agent.get('/api/cases')).status).toBe(401);
    const left = (await t.deps.db.select().from(sessions)).filter(
      (row) => JSON.parse(row.data).passport?.user === agent.member.id,
    );
    expect(left).toEqual([]);
    expect(await trail('staff.disable')).toEqual([
      {
        outcome: 'success',
        reason: 'Left the company today',
        targetId: String(agent.member.id),
        details: { before: { disabled: false }, after: { disabled: true }, sessionsEnded: 1 },
      },
    ]);
    expect((await signInAs(agent.member.username, STAFF_PASSWORD)).res.status).toBe(401);
    expect(
      (await sup.post(`/api/staff/${agent.member.id}/disable`, { reason: 'twice over' })).body.code,
    ).toBe('already_disabled');

    const enabled = await sup.post(`/api/staff/${agent.member.id}/enable`, {
      reason: 'Came back from leave',
    });
    expect(enabled.body.disabled).toBe(false);
    expect((await signInAs(agent.member.username, STAFF_PASSWORD)).res.status).toBe(200);
  });

  it('when a member is half-way through the authenticator step, then disabling ends that too', async () => {
    const sup = await signedIn(t, 'supervisor');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const member = await createStaffMember(t, 'agent', { totpSecret: secret });
    const { c, res } = await signInAs(member.username, STAFF_PASSWORD);
    expect(res.body).toEqual({ mfaRequired: true });
    await sup.post(`/api/staff/${member.id}/disable`, { reason: 'Lost their badge' });
    expect((await c.post('/api/auth/mfa', { code: totpCode(secret, t.deps.now()) })).status).toBe(401);
  });

  it('when the reason is missing or too short, then 400 names it and nothing changes', async () => {
    const sup = await signedIn(t, 'supervisor');
    const other = await createStaffMember(t, 'agent');
    const res = await sup.post(`/api/staff/${other.id}/disable`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('reason');
    expect((await sup.post(`/api/staff/${other.id}/disable`, { reason: 'no' })).status).toBe(400);
    expect((await t.deps.db.select().from(staff).where(eq(staff.id, other.id)))[0]?.disabled).toBe(false);
    expect((await sup.post('/api/staff/0x10/disable', { reason: REASON })).status).toBe(400);
    expect((await sup.post('/api/staff/999/disable', { reason: REASON })).status).toBe(404);
  });
});

describe('the rules on oneself and the last supervisor', () => {
  it('when a supervisor changes their own role, disables or resets themselves, then 403 staff:not_self, audited as denied', async () => {
    const sup = await signedIn(t, 'supervisor');
    await createStaffMember(t, 'supervisor');
    const id = sup.member.id;
    const role = await sup.put(`/api/staff/${id}`, { role: 'agent', reason: REASON });
    expect(role.status).toBe(403);
    expect(role.body).toMatchObject({ code: 'policy_refused', missing: ['staff:not_self'] });
    for (const step of ['disable', 'reset-password', 'reset-mfa', 'unlock']) {
      const res = await sup.post(`/api/staff/${id}/${step}`, { reason: REASON });
      expect(res.body.missing, step).toEqual(['staff:not_self']);
    }
    expect((await sup.get('/api/auth/me')).body.role).toBe('supervisor');
    expect(await trail('staff.update')).toEqual([
      expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ why: 'self' }) }),
    ]);
    // Their own name is theirs to correct.
    const name = await sup.put(`/api/staff/${id}`, { fullName: 'Sam Corrected', reason: 'Typo in my name' });
    expect(name.status).toBe(200);
    expect((await trail('staff.update')).at(-1)?.details).toEqual({
      before: { fullName: sup.member.fullName },
      after: { fullName: 'Sam Corrected' },
    });
  });

  it('when a supervisor changes another member role, then it applies at their next request, with before/after in the trail', async () => {
    const sup = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    expect((await agent.get('/api/audit-events')).status).toBe(403);
    const res = await sup.put(`/api/staff/${agent.member.id}`, {
      ...agent.member,
      role: 'supervisor',
      reason: REASON,
    });
    expect(res.status).toBe(200);
    expect((await agent.get('/api/audit-events')).status).toBe(200);
    expect((await trail('staff.update')).at(-1)?.details).toEqual({
      before: { role: 'agent' },
      after: { role: 'supervisor' },
    });
    expect(
      (await sup.put(`/api/staff/${agent.member.id}`, { role: 'supervisor', reason: REASON })).body.code,
    ).toBe('no_change');
  });

  it('when the only active supervisor would be disabled (by the staff CLI), then it is refused and audited', async () => {
    const only = await createStaffMember(t, 'supervisor');
    const handle = { db: t.deps.db };
    await expect(disableStaffMember(handle, t.deps.keys, 'staff', only.username)).rejects.toThrow(
      /at least one active supervisor/,
    );
    expect(await activeSupervisors()).toBe(1);
    expect(await trail('staff.disable')).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        details: expect.objectContaining({ missing: ['staff:another_active_supervisor'] }),
      }),
    ]);
    // With a second one, the first may go.
    await createStaffMember(t, 'supervisor');
    await disableStaffMember(handle, t.deps.keys, 'staff', only.username);
    expect(await activeSupervisors()).toBe(1);
  });

  it('when two supervisors disable or demote each other at the same moment, then one wins and one active supervisor remains', async () => {
    for (const [stepA, stepB] of [
      ['disable', 'disable'],
      ['demote', 'disable'],
      ['demote', 'demote'],
    ] as const) {
      const a = await signedIn(t, 'supervisor');
      const b = await signedIn(t, 'supervisor');
      // Only these two are active supervisors.
      await t.deps.db
        .update(staff)
        .set({ disabled: true })
        .where(and(eq(staff.role, 'supervisor')));
      await t.deps.db.update(staff).set({ disabled: false }).where(eq(staff.id, a.member.id));
      await t.deps.db.update(staff).set({ disabled: false }).where(eq(staff.id, b.member.id));
      const act = (who: typeof a, step: 'disable' | 'demote', target: number) =>
        step === 'disable'
          ? who.post(`/api/staff/${target}/disable`, { reason: REASON })
          : who.put(`/api/staff/${target}`, { role: 'agent', reason: REASON });
      const results = await Promise.all([act(a, stepA, b.member.id), act(b, stepB, a.member.id)]);
      expect(
        results.filter((r) => r.status === 200),
        `${stepA}/${stepB}`,
      ).toHaveLength(1);
      expect(await activeSupervisors()).toBe(1);
    }
  });
});

describe('password, lock and authenticator resets', () => {
  it('when a supervisor resets a password, then the old one stops working, sessions end and the new temporary one must be changed', async () => {
    const sup = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const res = await sup.post(`/api/staff/${agent.member.id}/reset-password`, {
      reason: 'Forgot their password',
    });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await agent.get('/api/cases')).status).toBe(401);
    expect((await signInAs(agent.member.username, STAFF_PASSWORD)).res.status).toBe(401);
    t.advance(30_000);
    const c = client(t);
    const fresh = await signInWithTotp(t, c, agent.member.username, res.body.temporaryPassword);
    expect(fresh.body.mustChangePassword).toBe(true);
    expect((await c.get('/api/cases')).status).toBe(403);
    expect((await trail('staff.reset_password'))[0]?.details).toEqual({ sessionsEnded: 1 });
  });

  it('when a member locked themselves out, then the supervisor sees until when, and unlock lets them sign in at once', async () => {
    const sup = await signedIn(t, 'supervisor');
    const member = await createStaffMember(t, 'agent');
    const c = client(t);
    for (let i = 0; i < 10; i++)
      await c.post('/api/auth/login', { username: member.username, password: 'wrong' });
    expect(
      (await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD })).status,
    ).toBe(423);
    const shown = await sup.get(`/api/staff/${member.id}`);
    expect(shown.body.signInLockedUntil).toBeGreaterThan(t.deps.now());
    const listed = await sup.get(
      `/api/staff?filter=${encodeURIComponent(JSON.stringify({ id: [member.id] }))}`,
    );
    expect(listed.body[0].signInLockedUntil).toBe(shown.body.signInLockedUntil);

    const res = await sup.post(`/api/staff/${member.id}/unlock`, { reason: 'Verified by phone, typo' });
    expect(res.body.signInLockedUntil).toBeNull();
    expect((await trail('staff.unlock'))[0]).toMatchObject({
      outcome: 'success',
      reason: 'Verified by phone, typo',
    });
    expect(
      (await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD })).status,
    ).toBe(200);
  }, 60_000);

  it('when a supervisor resets an authenticator, then the member signs in with the password alone, is led to enrol again, and sessions end', async () => {
    const sup = await signedIn(t, 'supervisor');
    const member = await createStaffMember(t, 'agent', { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    expect((await sup.get(`/api/staff/${member.id}`)).body.totpEnrolled).toBe(true);
    expect((await signInAs(member.username, STAFF_PASSWORD)).res.body).toEqual({ mfaRequired: true });
    const res = await sup.post(`/api/staff/${member.id}/reset-mfa`, { reason: 'Phone was stolen' });
    expect(res.body.totpEnrolled).toBe(false);
    const next = await signInAs(member.username, STAFF_PASSWORD);
    expect(next.res.body).toMatchObject({ username: member.username, mfaEnrolmentRequired: true });
    expect((await next.c.get('/api/cases')).body.code).toBe('mfa_enrolment_required');
    const again = await sup.post(`/api/staff/${member.id}/reset-mfa`, { reason: 'Phone was stolen' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('no_mfa');
    expect((await t.deps.db.select().from(sessions)).length).toBeGreaterThan(0);
  });
});
