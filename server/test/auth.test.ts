import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/tables';
import { totpCode } from '../src/staff/totp';
import { client, createStaffMember, makeTestApp, STAFF_PASSWORD, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const actions = async () =>
  (await t.deps.db.select().from(auditEvents).orderBy(auditEvents.id)).map((e) => `${e.action}:${e.outcome}`);

describe('staff sign-in', () => {
  it('when the password is right, then the identity comes back, the cookie is HttpOnly and SameSite=Strict, and me works', async () => {
    const member = await createStaffMember(t, 'agent');
    const c = client(t);
    const res = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: member.id,
      username: member.username,
      fullName: member.fullName,
      role: 'agent',
      mustChangePassword: false,
      // Agents must enrol an authenticator by default: this one has none yet.
      mfaEnrolmentRequired: true,
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await c.get('/api/auth/me');
    expect(me.body.username).toBe(member.username);
    expect(await actions()).toEqual(['staff.sign_in:success']);
  });

  it('when the password is wrong or the user unknown, then both answer the same 401 and are audited', async () => {
    const member = await createStaffMember(t, 'agent');
    const c = client(t);
    const wrong = await c.post('/api/auth/login', { username: member.username, password: 'nope' });
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(await actions()).toEqual(['staff.sign_in:denied', 'staff.sign_in:denied']);
  });

  it('when a staff member fails 10 times, then the account is locked for 15 minutes even for the right password', async () => {
    const member = await createStaffMember(t, 'agent');
    const c = client(t);
    for (let i = 0; i < 9; i++)
      expect((await c.post('/api/auth/login', { username: member.username, password: 'x' })).status).toBe(
        401,
      );
    expect((await c.post('/api/auth/login', { username: member.username, password: 'x' })).status).toBe(423);
    expect(
      (await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD })).status,
    ).toBe(423);
    t.advance(15 * 60_000 + 1);
    expect(
      (await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD })).status,
    ).toBe(200);
  }, 60_000);

  it('when the body is missing a field, then 400 names it', async () => {
    const res = await client(t).post('/api/auth/login', { username: 'a' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('password');
  });

  it('when a request lacks X-Requested-With, then 403; when it is not JSON, then 415', async () => {
    const c = client(t);
    const noHeader = await c.agent.post('/api/auth/login').set('Content-Type', 'application/json').send('{}');
    expect(noHeader.status).toBe(403);
    expect(noHeader.body).toMatchObject({ code: 'ajax_required', missing: ['header:X-Requested-With'] });
    const form = await c.agent
      .post('/api/auth/login')
      .set('X-Requested-With', 'XMLHttpRequest')
      .type('form')
      .send('username=a&password=b');
    expect(form.status).toBe(415);
  });

  it('when the body is not valid JSON, then 400 without a stack trace', async () => {
    const res = await client(t)
      .agent.post('/api/auth/login')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Content-Type', 'application/json')
      .send('{bad');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
  });

  it('when staff sign out, then the session is gone and me answers 401', async () => {
    const c = await signedIn(t, 'supervisor');
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(await actions()).toEqual(['staff.sign_in:success', 'staff.sign_out:success']);
  });

  it('when TOTP is enrolled, then the password alone is not a session, and the right code completes it', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const member = await createStaffMember(t, 'supervisor', { totpSecret: secret });
    const c = client(t);
    const first = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    expect(first.body).toEqual({ mfaRequired: true });
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const wrong = await c.post('/api/auth/mfa', {
      code: '000000' === totpCode(secret, t.deps.now()) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('wrong_code');
    const ok = await c.post('/api/auth/mfa', { code: totpCode(secret, t.deps.now()) });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('supervisor');
  });

  it('when a session is older than 12 hours, then it ends even if active', async () => {
    const c = await signedIn(t, 'agent');
    for (let i = 0; i < 25; i++) {
      t.advance(29 * 60_000);
      await c.get('/api/auth/me');
    }
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('when an agent calls a supervisor-only route, then 403; with no session, then 401', async () => {
    const c = await signedIn(t, 'agent');
    expect((await c.get('/api/staff')).status).toBe(403);
    expect((await client(t).get('/api/staff')).status).toBe(401);
  });

  it('health answers without a session', async () => {
    expect((await client(t).get('/api/health')).status).toBe(200);
  });
});
