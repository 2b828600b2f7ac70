import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstRow, rawRun } from '../src/db/rows';
import { customerTokens, devices, messages } from '../src/db/tables';
import { addDevice, createAccount, reloadAccount } from './factories/accounts';
import { auditRows, openCase, verifyTo } from './factories/cases';
import { deliveredText } from './factories/delivered';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Caller verified on the phone';
const lockedFor = (
  lockReason: 'failed_attempts' | 'suspicious_activity' | 'terms_violation' | 'customer_request',
) => ({
  status: 'locked' as const,
  lockReason,
  lockedAt: Date.now() - 60_000,
  lockedUntil: null,
  failedSignInCount: 5,
});

async function verifiedCase(role: 'agent' | 'supervisor', level: 0 | 1 | 2 | 3, overrides = {}) {
  const staff = await signedIn(t, role);
  const { account } = await createAccount(t, overrides);
  const kase = await openCase(staff, account.id);
  if (level > 0) await verifyTo(t, staff, kase.id, account, level as 1 | 2 | 3);
  return { staff, account: await reloadAccount(t, account.id), kase };
}

const notices = async (accountId: number) =>
  (await t.deps.db.select().from(messages).where(eq(messages.accountId, accountId)).orderBy(messages.id)).map(
    (m) => `${m.channel}:${m.template}`,
  );

describe('unlock', () => {
  it('when an agent at L2 unlocks a failed_attempts lock, then the account is active, the version moves, the customer is told and it is audited', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 2, lockedFor('failed_attempts'));
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: account.id,
      status: 'active',
      lockReason: null,
      version: account.version + 1,
      maskedEmail: expect.stringContaining('***'),
    });
    expect(JSON.stringify(res.body)).not.toContain(account.email);
    const after = await reloadAccount(t, account.id);
    expect(after).toMatchObject({ status: 'active', lockReason: null, lockedAt: null, failedSignInCount: 0 });
    expect(await notices(account.id)).toContain('email:account_unlocked');
    const [row] = await auditRows(t, 'account.unlock');
    expect(row).toMatchObject({
      outcome: 'success',
      caseId: kase.id,
      reason: REASON,
      actorId: staff.member.id,
    });
    expect(JSON.parse(row!.details)).toEqual({
      before: { status: 'locked', lockReason: 'failed_attempts', version: account.version },
      after: { status: 'active', lockReason: null, version: account.version + 1 },
    });
  });

  it('when the agent is only at L1, then 403 says level:L2 is missing, nothing changes, and the attempt is audited as denied', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 1, lockedFor('failed_attempts'));
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['level:L2']);
    expect(res.body.code).toBe('policy_refused');
    expect(res.body.message).toMatch(/L2/);
    expect((await reloadAccount(t, account.id)).status).toBe('locked');
    const [row] = await auditRows(t, 'account.unlock');
    expect(row!.outcome).toBe('denied');
    expect(JSON.parse(row!.details).missing).toEqual(['level:L2']);
    expect(await notices(account.id)).not.toContain('email:account_unlocked');
  });

  it('when a suspicious_activity lock is lifted, then an agent at L3 is refused and a supervisor at L3 succeeds', async () => {
    const agentSide = await verifiedCase('agent', 3, lockedFor('suspicious_activity'));
    const refused = await agentSide.staff.post(`/api/accounts/${agentSide.account.id}/unlock`, {
      caseId: agentSide.kase.id,
      reason: REASON,
      version: agentSide.account.version,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.missing).toEqual(['role:supervisor']);
    const boss = await verifiedCase('supervisor', 3, lockedFor('suspicious_activity'));
    const ok = await boss.staff.post(`/api/accounts/${boss.account.id}/unlock`, {
      caseId: boss.kase.id,
      reason: REASON,
      version: boss.account.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('active');
  });

  it('when a terms_violation lock is lifted by a supervisor through a case at L0, then it works', async () => {
    const { staff, account, kase } = await verifiedCase('supervisor', 0, lockedFor('terms_violation'));
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: 1,
    });
    expect(res.status).toBe(200);
  });

  it('when the version is stale, then 409 with the current version, nothing changes, and the attempt is audited', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 2, lockedFor('failed_attempts'));
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version - 1 || 99,
    });
    expect(res.status).toBe(409);
    expect(res.body.currentVersion).toBe(account.version);
    expect(await reloadAccount(t, account.id)).toMatchObject({ status: 'locked', version: account.version });
    expect(JSON.parse((await auditRows(t, 'account.unlock'))[0]!.details)).toMatchObject({
      why: 'stale_version',
    });
  });

  it('when an agent acts through another agent’s case, then 403 case:own', async () => {
    const { account, kase } = await verifiedCase('agent', 2, lockedFor('failed_attempts'));
    const other = await signedIn(t, 'agent');
    const res = await other.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['case:own']);
  });

  it('when the body lacks a reason or version, then 400 naming them and nothing is audited', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 2, lockedFor('failed_attempts'));
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, { caseId: kase.id, reason: 'ok' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['reason', 'version']);
    expect(await auditRows(t, 'account.unlock')).toHaveLength(0);
  });

  it('when queuing the notice fails after the update and the audit row, then both roll back', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 2, lockedFor('failed_attempts'));
    // A real failure inside the transaction, after the account update and the audit insert.
    await rawRun(t.deps.db, {
      sqlite: `CREATE TRIGGER fail_notice BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'outbox down'); END`,
      pg: `CREATE FUNCTION fail_notice() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$;
        CREATE TRIGGER fail_notice BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION fail_notice()`,
    });
    const res = await staff.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(500);
    expect(await reloadAccount(t, account.id)).toMatchObject({ status: 'locked', version: account.version });
    expect(await auditRows(t, 'account.unlock')).toHaveLength(0);
  });
});

describe('hold and sign out devices', () => {
  it('when an agent at L1 holds an active account, then it is locked customer_request by them and the customer is told', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 1);
    const res = await staff.post(`/api/accounts/${account.id}/hold`, {
      caseId: kase.id,
      reason: REASON,
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'locked',
      lockReason: 'customer_request',
      lockedUntil: null,
      version: 2,
    });
    expect((await reloadAccount(t, account.id)).lockedBy).toBe(staff.member.id);
    expect(await notices(account.id)).toContain('email:account_held');
    expect((await auditRows(t, 'account.hold'))[0]!.outcome).toBe('success');
    const again = await staff.post(`/api/accounts/${account.id}/hold`, {
      caseId: kase.id,
      reason: REASON,
      version: 2,
    });
    expect(again.status).toBe(403);
    expect(again.body.missing).toEqual(['account:active']);
  });

  it('when an agent at L1 signs out all devices, then every device is revoked, the version moves and the customer is told', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 1);
    await addDevice(t, account.id, 'iPhone');
    await addDevice(t, account.id, 'Chrome on Windows');
    const res = await staff.post(`/api/accounts/${account.id}/sign-out-devices`, {
      caseId: kase.id,
      reason: REASON,
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const rows = await t.deps.db.select().from(devices).where(eq(devices.accountId, account.id));
    expect(rows.every((d) => d.revokedAt === t.deps.now())).toBe(true);
    expect(await notices(account.id)).toContain('email:devices_signed_out');
    expect(JSON.parse((await auditRows(t, 'account.sign_out_devices'))[0]!.details).devicesSignedOut).toBe(2);
  });

  it('when the case is at L0, then sign-out is refused with level:L1', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 0);
    const res = await staff.post(`/api/accounts/${account.id}/sign-out-devices`, {
      caseId: kase.id,
      reason: REASON,
      version: 1,
    });
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['level:L1']);
  });
});

describe('reveal, email hint and password reset', () => {
  it('when an agent at L2 reveals the phone, then the full number comes back, audited without the value', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 2);
    const res = await staff.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'phone',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ field: 'phone', value: account.phone });
    const [row] = await auditRows(t, 'account.reveal');
    expect(row!.outcome).toBe('success');
    expect(row!.details).not.toContain(account.phone);
    expect((await reloadAccount(t, account.id)).version).toBe(account.version);
  });

  it('when an agent at L1 asks to reveal, then 403 level:L2; at L1 the email hint is masked', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 1, { email: 'zhang.wei@163.com' });
    const reveal = await staff.post(`/api/accounts/${account.id}/reveal`, {
      caseId: kase.id,
      reason: REASON,
      field: 'email',
    });
    expect(reveal.status).toBe(403);
    expect(reveal.body.missing).toEqual(['level:L2']);
    expect(JSON.stringify(reveal.body)).not.toContain('zhang.wei');
    const hint = await staff.post(`/api/accounts/${account.id}/email-hint`, {
      caseId: kase.id,
      reason: REASON,
    });
    expect(hint.status).toBe(200);
    expect(hint.body).toEqual({ maskedEmail: 'z***i@1**.com' });
    expect((await auditRows(t, 'account.email_hint'))[0]!.outcome).toBe('success');
  });

  it('when a reset link is sent at L1, then 202 with the masked recipient, the token only in the customer’s message', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 1);
    const res = await staff.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'email',
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ channel: 'email', maskedRecipient: expect.stringContaining('***') });
    const msg = (await firstRow(
      t.deps.db.select().from(messages).where(eq(messages.template, 'password_reset_link')),
    ))!;
    const token = (await deliveredText(t, msg.id)).match(/token=([\w%-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toContain(token!);
    expect(JSON.stringify(await auditRows(t))).not.toContain(token!);
    expect(await t.deps.db.select().from(customerTokens)).toHaveLength(1);
    const sms = await staff.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'sms',
    });
    expect(sms.status).toBe(202);
    expect(await notices(account.id)).toContain('sms:password_reset_link');
  });

  it('when a reset is asked at L0, then 403 and no token is minted', async () => {
    const { staff, account, kase } = await verifiedCase('agent', 0);
    const res = await staff.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: REASON,
      channel: 'email',
    });
    expect(res.status).toBe(403);
    expect(await t.deps.db.select().from(customerTokens)).toHaveLength(0);
  });
});
