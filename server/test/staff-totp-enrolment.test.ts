import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { auditEvents, idempotencyKeys, staff, staffRecoveryCodes } from '../src/db/tables';
import { normaliseRecoveryCode } from '../src/staff/recoveryCodes';
import { totpCode } from '../src/staff/totp';
import { tableNames, tableRows } from './factories/databaseTables';
import {
  client,
  createStaffMember,
  enrolThroughApi,
  makeTestApp,
  STAFF_PASSWORD,
  signedIn,
  TEST_TOTP_SECRET,
  type TestApp,
} from './harness';

/**
 * Issue 7 finding 2, enrolment (docs/design.md, Staff TOTP enrolment): a QR code and the secret in text,
 * confirmed by a code before it takes effect; ten single-use recovery codes kept only as keyed hashes;
 * required of supervisors (and, by default, agents); a supervisor's reset leads back to enrolment.
 */
let t: TestApp;
afterEach(() => t.close());

type Client = ReturnType<typeof client>;

const trail = async (action: string) =>
  (
    await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id)
  ).map((e) => ({ outcome: e.outcome, details: JSON.parse(e.details) }));

const secretOf = async (id: number) =>
  (await t.deps.db.select().from(staff).where(eq(staff.id, id)))[0]?.totpSecret;

/** A new member signed in with the password alone (no authenticator yet). */
async function passwordOnly(role: 'agent' | 'supervisor', c: Client = client(t)) {
  const member = await createStaffMember(t, role);
  const res = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
  expect(res.status).toBe(200);
  return { c, member, identity: res.body };
}

/** Every text cell of every table, to prove what is not stored. */
async function wholeDatabaseText(): Promise<string> {
  const texts: string[] = [];
  for (const name of await tableNames(t)) texts.push(JSON.stringify(await tableRows(t, name)));
  return texts.join('\n');
}

describe('finding 2: staff TOTP enrolment', () => {
  it('when a supervisor without an authenticator signs in with the password, then nothing but enrolment, me and sign-out is open', async () => {
    t = makeTestApp();
    const { c, identity } = await passwordOnly('supervisor');
    expect(identity).toMatchObject({ role: 'supervisor', mfaEnrolmentRequired: true });
    for (const res of [
      await c.get('/api/cases'),
      await c.get('/api/staff'),
      await c.post('/api/lookup', { fullName: 'Chen Jing' }),
      await c.get('/api/audit-events'),
      await c.post('/api/auth/recovery-codes', { code: '123456' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'mfa_enrolment_required', missing: ['mfa:enrolled'] });
    }
    expect((await c.get('/api/auth/me')).body.mfaEnrolmentRequired).toBe(true);
    expect((await trail('staff.sign_in'))[0]?.details).toEqual({
      method: 'password',
      mfaEnrolmentRequired: true,
    });
  });

  it('when enrolment starts, then a QR code and the secret in text come back, a reload shows the same, and only a valid code makes it take effect', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('supervisor');
    const start = await c.post('/api/auth/enrolment', {});
    expect(start.status).toBe(200);
    const { secret, otpauthUri, qrCode, expiresAt } = start.body;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = new URL(otpauthUri);
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(
      `otpauth://totp/Recovery Desk:${member.username}`,
    );
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Recovery Desk');
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');
    // The picture is the qrcode package's rendering of that very address (its output is deterministic).
    expect(qrCode).toBe(
      await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
    );
    expect(expiresAt).toBe(t.deps.now() + 10 * 60_000);
    // Reload and double click: the same secret, which the phone may already have scanned.
    expect((await c.post('/api/auth/enrolment', {})).body.secret).toBe(secret);
    expect(await secretOf(member.id)).toBeNull();

    const wrongCode = totpCode(secret, t.deps.now() + 10 * 60_000);
    const wrong = await c.post('/api/auth/enrolment/confirm', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toHaveProperty('code');
    expect(await secretOf(member.id)).toBeNull();
    expect((await c.get('/api/cases')).status).toBe(403);

    const confirmed = await c.post('/api/auth/enrolment/confirm', { code: totpCode(secret, t.deps.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.identity).toMatchObject({ id: member.id, mfaEnrolmentRequired: false });
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(await secretOf(member.id)).toBe(secret);
    expect((await c.get('/api/cases')).status).toBe(200);
    expect(await trail('staff.mfa_enrol')).toEqual([
      {
        outcome: 'success',
        details: { before: { totpEnrolled: false }, after: { totpEnrolled: true }, recoveryCodes: 10 },
      },
    ]);
    // A second enrolment from the signed-in session cannot replace the secret.
    const again = await c.post('/api/auth/enrolment', {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_enrolled');
  });

  it('when enrolment is confirmed, then the recovery codes are nowhere in the database, not even sealed for a replay, only ten keyed hashes', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('agent');
    const { secret } = (await c.post('/api/auth/enrolment', {})).body;
    // The console sends an Idempotency-Key with every POST: this answer must not be kept for a replay.
    const confirmed = await c
      .post('/api/auth/enrolment/confirm', { code: totpCode(secret, t.deps.now()) })
      .set('Idempotency-Key', 'enrol-intent-0001');
    const recoveryCodes: string[] = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    const everything = await wholeDatabaseText();
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(normaliseRecoveryCode(code));
    }
    const rows = await t.deps.db
      .select()
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.staffId, member.id));
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.deps.db.select().from(idempotencyKeys)).toEqual([]);
  });

  it('when the code that confirmed enrolment is replayed at the next sign-in, then it is refused as used', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('supervisor');
    const { secret } = await enrolThroughApi(t, c);
    const next = client(t);
    await next.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    const replay = await next.post('/api/auth/mfa', { code: totpCode(secret, t.deps.now()) });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('code_used');
    t.advance(30_000);
    expect((await next.post('/api/auth/mfa', { code: totpCode(secret, t.deps.now()) })).status).toBe(200);
  });

  it('when the pending secret is older than 10 minutes, then confirming it is refused and a new start gives a new secret', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('supervisor');
    const first = (await c.post('/api/auth/enrolment', {})).body.secret;
    t.advance(10 * 60_000 + 1);
    const late = await c.post('/api/auth/enrolment/confirm', { code: totpCode(first, t.deps.now()) });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('enrolment_expired');
    expect(await secretOf(member.id)).toBeNull();
    const second = (await c.post('/api/auth/enrolment', {})).body.secret;
    expect(second).not.toBe(first);
    // Without a start there is nothing to confirm.
    const fresh = client(t);
    await fresh.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    const unstarted = await fresh.post('/api/auth/enrolment/confirm', {
      code: totpCode(first, t.deps.now()),
    });
    expect(unstarted.body.code).toBe('enrolment_not_started');
  });

  it('when a session is half-way through the code step, then it cannot start or confirm an enrolment, and the secret stays', async () => {
    t = makeTestApp();
    const member = await createStaffMember(t, 'supervisor', { totpSecret: TEST_TOTP_SECRET });
    const c = client(t);
    expect(
      (await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD })).body,
    ).toEqual({
      mfaRequired: true,
    });
    expect((await c.post('/api/auth/enrolment', {})).status).toBe(401);
    expect((await c.post('/api/auth/enrolment/confirm', { code: '123456' })).status).toBe(401);
    expect((await client(t).post('/api/auth/enrolment', {})).status).toBe(401);
    expect(await secretOf(member.id)).toBe(TEST_TOTP_SECRET);
  });

  it('when an enrolled member calls the enrolment routes from a full session, then 409 already_enrolled, audited, and no way around the code step', async () => {
    t = makeTestApp();
    const sup = await signedIn(t, 'supervisor');
    const start = await sup.post('/api/auth/enrolment', {});
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('already_enrolled');
    const confirm = await sup.post('/api/auth/enrolment/confirm', {
      code: totpCode(TEST_TOTP_SECRET, t.deps.now()),
    });
    expect(confirm.body.code).toBe('already_enrolled');
    expect(await secretOf(sup.member.id)).toBe(TEST_TOTP_SECRET);
    expect((await trail('staff.mfa_enrol')).map((e) => `${e.outcome}:${e.details.why}`)).toEqual([
      'denied:already_enrolled',
      'denied:already_enrolled',
    ]);
  });

  it('when two sessions of one member confirm two different secrets at once, then one wins and the other is refused', async () => {
    t = makeTestApp();
    const { c: a, member } = await passwordOnly('supervisor');
    const b = client(t);
    await b.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    const secretA = (await a.post('/api/auth/enrolment', {})).body.secret;
    const secretB = (await b.post('/api/auth/enrolment', {})).body.secret;
    expect(secretA).not.toBe(secretB);
    const [ra, rb] = await Promise.all([
      a.post('/api/auth/enrolment/confirm', { code: totpCode(secretA, t.deps.now()) }),
      b.post('/api/auth/enrolment/confirm', { code: totpCode(secretB, t.deps.now()) }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? secretA : secretB;
    expect(await secretOf(member.id)).toBe(winner);
    expect(await t.deps.db.select().from(staffRecoveryCodes)).toHaveLength(10);
  });

  it('when a recovery code completes a sign-in, then it works once, its use is audited, and a used one is refused', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('supervisor');
    const { recoveryCodes } = await enrolThroughApi(t, c);
    const code = recoveryCodes[3] ?? '';
    const first = client(t);
    await first.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    // Case and dashes do not matter when it is typed from paper.
    const ok = await first.post('/api/auth/mfa', {
      recoveryCode: ` ${code.toLowerCase().replace('-', '')} `,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: member.id, mfaEnrolmentRequired: false });
    expect((await first.get('/api/cases')).status).toBe(200);
    expect(await trail('staff.recovery_code_use')).toEqual([
      { outcome: 'success', details: { remaining: 9 } },
    ]);
    expect((await trail('staff.sign_in')).at(-1)?.details).toEqual({ method: 'password+recovery_code' });

    const second = client(t);
    await second.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    const used = await second.post('/api/auth/mfa', { recoveryCode: code });
    expect(used.status).toBe(401);
    expect(used.body.code).toBe('recovery_code_used');
    const wrong = await second.post('/api/auth/mfa', { recoveryCode: 'AAAAA-AAAAA' });
    expect(wrong.body.code).toBe('wrong_code');
    expect((await second.get('/api/cases')).status).toBe(401);
    expect((await trail('staff.mfa')).map((e) => e.details.why)).toEqual([
      'recovery_code_used',
      'wrong_recovery_code',
    ]);
    const both = await second.post('/api/auth/mfa', { code: '123456', recoveryCode: code });
    expect(both.status).toBe(400);
  });

  it('when 40 sign-ins use one recovery code at once, then exactly one succeeds', async () => {
    t = makeTestApp({ TRUST_PROXY: 'loopback' });
    const { c, member } = await passwordOnly('supervisor');
    const { recoveryCodes } = await enrolThroughApi(t, c);
    // Eight pending sessions from eight networks (one network's pair counter would lock at 10), five requests each.
    const sessions = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const agent = request.agent(t.app);
        const ip = `198.51.100.${i + 1}`;
        const send = (url: string, body: unknown) =>
          agent
            .post(url)
            .set('X-Requested-With', 'XMLHttpRequest')
            .set('X-Forwarded-For', ip)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
        const login = await send('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
        expect(login.body).toEqual({ mfaRequired: true });
        return send;
      }),
    );
    const answers = await Promise.all(
      sessions.flatMap((send) =>
        Array.from({ length: 5 }, () => send('/api/auth/mfa', { recoveryCode: recoveryCodes[0] })),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(39);
    expect(await trail('staff.recovery_code_use')).toHaveLength(1);
  });

  it('when recovery codes are regenerated, then a fresh authenticator code is needed, the old codes stop working, the new ones work, and both are audited', async () => {
    t = makeTestApp();
    const { c, member } = await passwordOnly('supervisor');
    const { secret, recoveryCodes: old } = await enrolThroughApi(t, c);
    // The step that confirmed enrolment is spent.
    const replay = await c.post('/api/auth/recovery-codes', { code: totpCode(secret, t.deps.now()) });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ missing: ['mfa:code'], reason: 'code_used' });
    t.advance(30_000);
    const regenerated = await c.post('/api/auth/recovery-codes', { code: totpCode(secret, t.deps.now()) });
    expect(regenerated.status).toBe(200);
    const fresh: string[] = regenerated.body.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => old.includes(code))).toEqual([]);
    expect(await trail('staff.recovery_codes_regenerate')).toEqual([
      { outcome: 'denied', details: { why: 'code_used' } },
      { outcome: 'success', details: { unusedBefore: 10, recoveryCodes: 10 } },
    ]);

    const s = client(t);
    await s.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    expect((await s.post('/api/auth/mfa', { recoveryCode: old[0] })).body.code).toBe('wrong_code');
    expect((await s.post('/api/auth/mfa', { recoveryCode: fresh[0] })).status).toBe(200);
  });

  it('when a signed-in session types five wrong codes to regenerate recovery codes, then the session ends', async () => {
    t = makeTestApp();
    const sup = await signedIn(t, 'supervisor');
    const wrong = totpCode(TEST_TOTP_SECRET, t.deps.now() + 5 * 60_000);
    for (let i = 0; i < 4; i++) {
      expect((await sup.post('/api/auth/recovery-codes', { code: wrong })).status).toBe(403);
    }
    expect((await sup.post('/api/auth/recovery-codes', { code: wrong })).status).toBe(401);
    expect((await sup.get('/api/cases')).status).toBe(401);
    expect((await trail('staff.recovery_codes_regenerate')).map((e) => e.outcome)).toEqual(
      Array(5).fill('denied'),
    );
  });

  it('when a supervisor resets a member authenticator, then the recovery codes go and the next sign-in leads to enrolment again', async () => {
    t = makeTestApp();
    const sup = await signedIn(t, 'supervisor');
    const { c, member } = await passwordOnly('agent');
    const { recoveryCodes } = await enrolThroughApi(t, c);
    const reset = await sup.post(`/api/staff/${member.id}/reset-mfa`, { reason: 'Phone lost on the train' });
    expect(reset.status).toBe(200);
    expect((await c.get('/api/cases')).status).toBe(401);
    expect(await t.deps.db.select().from(staffRecoveryCodes)).toEqual([]);
    const next = client(t);
    const login = await next.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    expect(login.body).toMatchObject({ id: member.id, mfaEnrolmentRequired: true });
    expect((await next.get('/api/cases')).body.code).toBe('mfa_enrolment_required');
    const { recoveryCodes: renewed } = await enrolThroughApi(t, next);
    expect(renewed.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    expect((await next.get('/api/cases')).status).toBe(200);
  });

  it('when STAFF_TOTP_AGENTS=optional, then an agent works with a password alone and may still enrol, while a supervisor must enrol', async () => {
    t = makeTestApp({ STAFF_TOTP_AGENTS: 'optional' });
    const { c, identity } = await passwordOnly('agent');
    expect(identity.mfaEnrolmentRequired).toBe(false);
    expect((await c.get('/api/cases')).status).toBe(200);
    await enrolThroughApi(t, c);
    const { c: sup } = await passwordOnly('supervisor');
    expect((await sup.get('/api/cases')).body.code).toBe('mfa_enrolment_required');
  });

  it('when STAFF_TOTP_EXEMPT names a test desk account, then it signs in with a password alone, and production refuses the setting', async () => {
    t = makeTestApp({ STAFF_TOTP_EXEMPT: ['desk-supervisor'] });
    const member = await createStaffMember(t, 'supervisor', { username: 'desk-supervisor' });
    const c = client(t);
    const login = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
    expect(login.body.mfaEnrolmentRequired).toBe(false);
    expect((await c.get('/api/staff')).status).toBe(200);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(32),
        AUDIT_KEY: 'a'.repeat(32),
        PII_KEY: 'p'.repeat(32),
        PUBLIC_URL: 'https://desk.example',
        STAFF_TOTP_EXEMPT: 'desk-supervisor',
      }),
    ).toThrow(ConfigError);
    expect(loadConfig({ STAFF_TOTP_EXEMPT: 'a, b' }).STAFF_TOTP_EXEMPT).toEqual(['a', 'b']);
  });
});
