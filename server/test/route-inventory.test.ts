import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../src/db/tables';
import { type Access, declaredRoutes } from '../src/http/routes';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Issue 7's route inventory, built from the routes defineRoutes registered (not from this list): every
 * route must have its row below, and behaves as its row says for an anonymous caller, an agent and a
 * disabled member. A new route without a row, or a row whose route is gone, fails the first test.
 */
// `enrolling`: signed in, open to a member who must still enrol an authenticator (and closed to a temporary password).
type Who = 'public' | 'signed-in' | 'enrolling' | 'staff' | 'supervisors';
const EXPECTED: Record<string, Who> = {
  'GET /api/account-timeline': 'staff',
  'GET /api/accounts': 'staff',
  'GET /api/accounts/:id': 'staff',
  'POST /api/accounts/:id/devices/:deviceId/sign-out': 'staff',
  'POST /api/accounts/:id/email-change': 'staff',
  'POST /api/accounts/:id/email-hint': 'staff',
  'POST /api/accounts/:id/hold': 'staff',
  'POST /api/accounts/:id/password-reset': 'staff',
  'POST /api/accounts/:id/reveal': 'staff',
  'POST /api/accounts/:id/sign-out-devices': 'staff',
  'POST /api/accounts/:id/unlock': 'staff',
  'GET /api/agent-activity': 'supervisors',
  'GET /api/audit-events': 'supervisors',
  'GET /api/audit-events/:id': 'supervisors',
  'GET /api/audit-events/export': 'supervisors',
  'GET /api/audit-events/verify': 'supervisors',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/mfa': 'public',
  'POST /api/auth/enrolment': 'enrolling',
  'POST /api/auth/enrolment/confirm': 'enrolling',
  'POST /api/auth/recovery-codes': 'staff',
  'POST /api/auth/password': 'signed-in',
  'GET /api/case-assignees': 'staff',
  'GET /api/case-notes': 'staff',
  'GET /api/cases': 'staff',
  'POST /api/cases': 'staff',
  'GET /api/cases/:id': 'staff',
  'POST /api/cases/:id/checks': 'staff',
  'POST /api/cases/:id/close': 'staff',
  'POST /api/cases/:id/escalate': 'staff',
  'POST /api/cases/:id/notes': 'staff',
  'POST /api/cases/:id/otp': 'staff',
  'POST /api/cases/:id/return': 'supervisors',
  'POST /api/cases/:id/take': 'supervisors',
  'POST /api/cases/:id/transfer': 'staff',
  'PUT /api/cases/:id/troubleshooting': 'staff',
  'POST /api/cases/:id/unfreeze': 'supervisors',
  'GET /api/dashboard/actions': 'supervisors',
  'GET /api/dashboard/agent': 'staff',
  'GET /api/dashboard/locks': 'supervisors',
  'GET /api/dashboard/lookups': 'supervisors',
  'GET /api/dashboard/queues': 'supervisors',
  'GET /api/devices': 'staff',
  'GET /api/email-changes': 'staff',
  'GET /api/email-changes/:id': 'staff',
  'POST /api/email-changes/:id/approve': 'supervisors',
  'POST /api/email-changes/:id/reject': 'supervisors',
  'GET /api/two-factor-resets': 'staff',
  'GET /api/two-factor-resets/:id': 'staff',
  'POST /api/two-factor-resets/:id/approve': 'supervisors',
  'POST /api/two-factor-resets/:id/reject': 'supervisors',
  'POST /api/accounts/:id/reset-2fa': 'staff',
  'GET /api/escalations': 'supervisors',
  'GET /api/incidents': 'staff',
  'GET /api/incidents/:id': 'staff',
  'POST /api/incidents': 'supervisors',
  'PUT /api/incidents/:id': 'supervisors',
  'POST /api/incidents/:id/resolve': 'supervisors',
  'GET /api/health': 'public',
  'GET /api/impostor-reports': 'staff',
  'GET /api/login-events': 'staff',
  'POST /api/lookup': 'staff',
  'GET /api/messages': 'staff',
  'GET /api/messages/:id': 'staff',
  'POST /api/messages/:id/resend': 'staff',
  'GET /api/ready': 'public',
  'GET /api/risk-signals': 'staff',
  'GET /api/status': 'public',
  'GET /api/staff': 'supervisors',
  'POST /api/staff': 'supervisors',
  'GET /api/staff/:id': 'supervisors',
  'PUT /api/staff/:id': 'supervisors',
  'POST /api/staff/:id/disable': 'supervisors',
  'POST /api/staff/:id/enable': 'supervisors',
  'POST /api/staff/:id/reset-mfa': 'supervisors',
  'POST /api/staff/:id/reset-password': 'supervisors',
  'POST /api/staff/:id/unlock': 'supervisors',
  'GET /api/transactions': 'staff',
  'POST /api/wallet/email-change/confirm': 'public',
  'POST /api/wallet/email-change/revert': 'public',
  'POST /api/wallet/forgot-password': 'public',
  'POST /api/wallet/login': 'public',
  'POST /api/wallet/password-reset': 'public',
  'POST /api/wallet/token-status': 'public',
};

const whoOf = (access: Access): Who => {
  if ('public' in access) return 'public';
  if (access.beforePasswordChange) return 'signed-in';
  if (access.beforeEnrolment) return 'enrolling';
  return access.roles.includes('agent') ? 'staff' : 'supervisors';
};

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.close());

const routes = () =>
  declaredRoutes().map((r) => ({
    ...r,
    key: `${r.method.toUpperCase()} /api${r.path}`,
    // Any decimal id will do: access is decided before the handler looks the record up.
    url: `/api${r.path.replace(/:\w+/g, '1')}`,
  }));

type Caller = ReturnType<typeof client>;
const call = (c: Caller, r: ReturnType<typeof routes>[number]) =>
  r.method === 'get' ? c.get(r.url) : c[r.method === 'put' ? 'put' : 'post'](r.url, {});

describe('route inventory', () => {
  it('when the app is built, then every registered route has its row here and every row a route, with the same access', () => {
    const registered = Object.fromEntries(routes().map((r) => [r.key, whoOf(r.access)]));
    expect(registered).toEqual(EXPECTED);
  });

  it('when nobody is signed in, then every route but the public ones answers 401 in the JSON error shape', async () => {
    const anonymous = client(t);
    for (const r of routes().filter((r) => EXPECTED[r.key] !== 'public')) {
      const res = await call(anonymous, r);
      expect(res.status, r.key).toBe(401);
      expect(res.body, r.key).toHaveProperty('message');
    }
  });

  it('when an agent calls a supervisors-only route, then 403 role_required', async () => {
    const agent = await signedIn(t, 'agent');
    for (const r of routes().filter((r) => EXPECTED[r.key] === 'supervisors')) {
      const res = await call(agent, r);
      expect(res.status, r.key).toBe(403);
      expect(res.body.code, r.key).toBe('role_required');
    }
  });

  it('when a member is disabled, then their open session gets 401 on every route but the public ones', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    expect((await supervisor.get('/api/staff')).status).toBe(200);
    await t.deps.db.update(staff).set({ disabled: true }).where(eq(staff.id, supervisor.member.id));
    for (const r of routes().filter((r) => EXPECTED[r.key] !== 'public')) {
      const res = await call(supervisor, r);
      expect(res.status, r.key).toBe(401);
    }
  });
});
