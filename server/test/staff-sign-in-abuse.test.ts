import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawGet } from '../src/db/rows';
import { auditEvents } from '../src/db/tables';
import { PAIR_RULE, USERNAME_RULE } from '../src/staff/signInLimits';
import { totpCode } from '../src/staff/totp';
import { secondInstance } from './factories/secondInstance';
import { createStaffMember, makeTestApp, STAFF_PASSWORD, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp({ TRUST_PROXY: 'loopback' });
});
afterEach(() => t.close());

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A fresh cookie jar signing in "from" one network (the app trusts loopback as its proxy here). */
function from(ip: string, app = t.app) {
  const agent = request.agent(app);
  const post = (url: string, body: unknown) =>
    agent
      .post(url)
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', ip)
      .send(JSON.stringify(body));
  return {
    login: (username: string, password: string) => post('/api/auth/login', { username, password }),
    mfa: (code: string) => post('/api/auth/mfa', { code }),
  };
}

const signInRows = async () =>
  (await t.deps.db.select().from(auditEvents).orderBy(auditEvents.id))
    .filter((e) => e.action === 'staff.sign_in' || e.action === 'staff.mfa')
    .map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));

const wrongCode = (at: number) => (totpCode(SECRET, at) === '000000' ? '111111' : '000000');

describe('finding 1: staff lockout holds under parallel requests', () => {
  it('when 40 wrong passwords arrive at once, then 10 are checked, the member is locked, and a second batch neither checks more nor clears the lock', async () => {
    const member = await createStaffMember(t, 'agent');
    const net = from('198.51.100.7');
    const batch = () =>
      Promise.all(Array.from({ length: 40 }, () => net.login(member.username, 'wrong password')));
    const first = (await batch()).map((r) => r.status);
    // 9 plain refusals, the 10th locks; the rest are refused unchecked (423 lock, 429 network throttle).
    expect(first.filter((s) => s === 401)).toHaveLength(PAIR_RULE.limit - 1);
    expect(first.every((s) => [401, 423, 429].includes(s))).toBe(true);
    const lockRow = async () =>
      (await rawGet<{ locked_until: number }>(
        t.deps.db,
        "SELECT locked_until FROM sign_in_throttle WHERE key LIKE 'staff:%@%'",
      ))!;
    const lockedUntil = (await lockRow()).locked_until;
    expect(lockedUntil).toBeGreaterThan(t.deps.now());
    const second = (await batch()).map((r) => r.status);
    expect(second.every((s) => s === 423 || s === 429)).toBe(true);
    // Exactly 10 passwords were ever compared, and no failure moved or cleared the lock.
    expect((await signInRows()).filter((e) => e.details.why === 'wrong_password')).toHaveLength(
      PAIR_RULE.limit,
    );
    expect((await lockRow()).locked_until).toBe(lockedUntil);
    t.advance(15 * 60_000 + 1);
    expect((await net.login(member.username, STAFF_PASSWORD)).status).toBe(200);
  }, 60_000);

  it('when 20 wrong passwords arrive at two server instances at once, then still 10 are checked and both refuse the rest', async () => {
    const member = await createStaffMember(t, 'agent');
    const other = secondInstance(t);
    try {
      const instances = [from('198.51.100.8'), from('198.51.100.8', other.app)];
      const statuses = (
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => instances[i % 2]!.login(member.username, 'wrong password')),
        )
      ).map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(PAIR_RULE.limit - 1);
      // Under the network's allowance of 30: every refusal is the pair's lock.
      expect(statuses.filter((s) => s === 423)).toHaveLength(20 - (PAIR_RULE.limit - 1));
      expect((await signInRows()).filter((e) => e.details.why === 'wrong_password')).toHaveLength(
        PAIR_RULE.limit,
      );
      // The lock one instance set holds on the other, even for the right password.
      expect((await from('198.51.100.8', other.app).login(member.username, STAFF_PASSWORD)).status).toBe(423);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('when one network tries 31 different usernames, then the 31st answers 429 with Retry-After, before any password check', async () => {
    const net = from('203.0.113.50');
    for (let i = 0; i < 30; i++) expect((await net.login(`guess${i}`, 'pw')).status).toBe(401);
    const throttled = await net.login('guess-last', 'pw');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await signInRows()).at(-1)?.details.why).toBe('network_throttled');
    // Another network is not affected.
    expect((await from('203.0.113.51').login('guess-last', 'pw')).status).toBe(401);
  }, 60_000);
});

describe('finding 2: TOTP codes cannot be guessed or replayed', () => {
  it('when wrong codes follow a right password, then they count toward the same lockout as wrong passwords', async () => {
    const member = await createStaffMember(t, 'supervisor', { totpSecret: SECRET });
    const net = from('198.51.100.20');
    const statuses: number[] = [];
    // Each round: the right password (1 attempt) then wrong codes; no round resets the counter.
    for (let round = 0; round < 4 && !statuses.includes(423); round++) {
      const pw = await net.login(member.username, STAFF_PASSWORD);
      statuses.push(pw.status);
      if (pw.status !== 200) break;
      for (let i = 0; i < 4; i++) {
        const res = await net.mfa(wrongCode(t.deps.now()));
        statuses.push(res.status);
        if (res.status === 423) break;
      }
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(PAIR_RULE.limit);
    expect(statuses.at(-1)).toBe(423);
    // Locked: even the right password and the right code get nowhere.
    expect((await net.login(member.username, STAFF_PASSWORD)).status).toBe(423);
    const wrongCodes = (await signInRows()).filter(
      (e) => e.action === 'staff.mfa' && e.details.why === 'wrong_code',
    );
    expect(wrongCodes.length).toBeGreaterThan(0);
  }, 60_000);

  it('when one code signs in, then the same code (same time step) is refused as used, sequentially and in parallel', async () => {
    const member = await createStaffMember(t, 'supervisor', { totpSecret: SECRET });
    const a = from('198.51.100.30');
    const b = from('198.51.100.31');
    expect((await a.login(member.username, STAFF_PASSWORD)).body).toEqual({ mfaRequired: true });
    expect((await b.login(member.username, STAFF_PASSWORD)).body).toEqual({ mfaRequired: true });
    const code = totpCode(SECRET, t.deps.now());
    const [ra, rb] = await Promise.all([a.mfa(code), b.mfa(code)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 401]);
    expect([ra.body.code, rb.body.code]).toContain('code_used');
    const c = from('198.51.100.32');
    expect((await c.login(member.username, STAFF_PASSWORD)).status).toBe(200);
    expect((await c.mfa(code)).body.code).toBe('code_used');
    // The next time step's code works.
    t.advance(30_000);
    expect((await c.mfa(totpCode(SECRET, t.deps.now()))).status).toBe(200);
  }, 60_000);
});

describe('finding 7: sign-in does not tell who exists, and outsiders cannot lock staff out', () => {
  it('when an unknown username is tried 12 times, then it answers exactly what a real one does', async () => {
    const member = await createStaffMember(t, 'agent');
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) real.push((await from('198.51.100.40').login(member.username, 'x')).status);
    for (let i = 0; i < 12; i++)
      unknown.push((await from('198.51.100.41').login('no-such-person', 'x')).status);
    expect(real).toEqual([...Array(9).fill(401), 423, 423, 423]);
    expect(unknown).toEqual(real);
  }, 60_000);

  it('when an outsider fails 10 times from their network, then the member still signs in from theirs', async () => {
    const member = await createStaffMember(t, 'agent');
    for (let i = 0; i < 10; i++) await from('203.0.113.9').login(member.username, 'guess');
    expect((await from('203.0.113.9').login(member.username, STAFF_PASSWORD)).status).toBe(423);
    expect((await from('198.51.100.2').login(member.username, STAFF_PASSWORD)).status).toBe(200);
  }, 60_000);

  it("when guesses come from many networks, then new networks are locked past 50 while the member's usual network still works", async () => {
    const member = await createStaffMember(t, 'agent');
    expect((await from('198.51.100.2').login(member.username, STAFF_PASSWORD)).status).toBe(200);
    // A botnet: 5 guesses from each of 11 networks (none reaches the per-network lock).
    for (let n = 0; n < 11; n++)
      for (let i = 0; i < 5; i++) await from(`203.0.113.${100 + n}`).login(member.username, 'guess');
    expect((await from('203.0.113.200').login(member.username, STAFF_PASSWORD)).status).toBe(423);
    expect((await from('198.51.100.2').login(member.username, STAFF_PASSWORD)).status).toBe(200);
    expect(USERNAME_RULE.limit).toBeLessThan(55);
  }, 120_000);
});

describe('finding 8: what was typed in the username box is kept only when it names staff', () => {
  it('when a password is typed as the username, then the trail holds a keyed hash, not the text', async () => {
    const member = await createStaffMember(t, 'agent');
    await from('198.51.100.60').login('Tr0ub4dor&3-my-password', 'whatever');
    await from('198.51.100.60').login(member.username, 'wrong');
    const rows = await signInRows();
    expect(JSON.stringify(rows)).not.toContain('Tr0ub4dor');
    expect(rows[0]).toMatchObject({ actorUsername: null, targetId: null });
    expect(rows[0]?.details.usernameHash).toMatch(/^[0-9a-f]{32}$/);
    expect(rows[1]).toMatchObject({ actorUsername: member.username, targetId: String(member.id) });
    // The same typed text gives the same hash (attempts can be grouped), keyed so a list of guesses cannot be tested offline.
    await from('198.51.100.61').login('Tr0ub4dor&3-my-password', 'whatever');
    expect((await signInRows()).at(-1)?.details.usernameHash).toBe(rows[0]?.details.usernameHash);
  });
});
