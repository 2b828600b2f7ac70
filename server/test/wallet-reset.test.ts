import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/client';
import { auditEvents, customerTokens, devices, messages, type TokenPurpose } from '../src/db/tables';
import { hashCustomerToken, issueCustomerToken } from '../src/wallet/tokens';
import { addDevice, createAccount, reloadAccount } from './factories/accounts';
import { client, makeTestApp, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const NEW_PASSWORD = 'a brand new passphrase';

function issue(accountId: number, purpose: TokenPurpose = 'password_reset', ttlMs = HOUR) {
  return inTransaction(t.deps.db, async (tx) =>
    issueCustomerToken(tx, { accountId, purpose, ttlMs }, t.deps.now()),
  );
}

const reset = (token: string, newPassword = NEW_PASSWORD) =>
  client(t).post('/api/wallet/password-reset', { token, newPassword });
const signIn = (login: string, password: string) => client(t).post('/api/wallet/login', { login, password });

describe('wallet password reset', () => {
  it('when a token is issued, then only its sha256 is stored and it is 32 random bytes in base64url', async () => {
    const { account } = await createAccount(t);
    const token = await issue(account.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = (await t.deps.db.select().from(customerTokens))[0]!;
    expect(row.tokenHash).toBe(hashCustomerToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt).toBe(t.deps.now() + HOUR);
  });

  it('when the token is valid, then the password changes, the failed-attempts lock lifts, devices sign out and a notice is queued', async () => {
    const { account, password } = await createAccount(t, {
      status: 'locked',
      lockReason: 'failed_attempts',
      lockedAt: Date.now(),
      lockedUntil: null,
      failedSignInCount: 5,
      mustChangePassword: true,
    });
    await addDevice(t, account.id, 'iPhone 15');
    await addDevice(t, account.id, 'Chrome on Windows');
    const token = await issue(account.id);
    const res = await reset(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ passwordChanged: true });

    const after = await reloadAccount(t, account.id);
    expect(after).toMatchObject({
      status: 'active',
      lockReason: null,
      failedSignInCount: 0,
      mustChangePassword: false,
      passwordChangedAt: t.deps.now(),
      version: account.version + 1,
    });
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    const revoked = await t.deps.db.select().from(devices).where(eq(devices.accountId, account.id));
    expect(revoked.map((d) => d.revokedAt)).toEqual([t.deps.now(), t.deps.now()]);
    expect((await t.deps.db.select().from(customerTokens))[0]!.usedAt).toBe(t.deps.now());
    const queued = await t.deps.db.select().from(messages).where(eq(messages.accountId, account.id));
    expect(queued).toMatchObject([
      { template: 'password_changed', channel: 'email', recipient: account.email },
    ]);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'wallet.password_reset'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain(token);

    expect((await signIn(account.email, password)).status).toBe(401);
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('when the token is used a second time, then 400 on token and the password stays the first new one', async () => {
    const { account } = await createAccount(t);
    const token = await issue(account.id);
    expect((await reset(token)).status).toBe(200);
    const again = await reset(token, 'another new passphrase');
    expect(again.status).toBe(400);
    expect(again.body.errors).toHaveProperty('token');
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('when the token has expired, then 400 on token and nothing changes', async () => {
    const { account } = await createAccount(t);
    const token = await issue(account.id);
    t.advance(HOUR);
    const res = await reset(token);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('token');
    expect(await reloadAccount(t, account.id)).toEqual(account);
    expect(await t.deps.db.select().from(messages)).toHaveLength(0);
  });

  it('when the token is unknown or made for another purpose, then the same 400 on token', async () => {
    const { account } = await createAccount(t);
    const confirm = await issue(account.id, 'email_confirm');
    const unknown = await reset('not-a-real-token');
    const wrongPurpose = await reset(confirm);
    expect(unknown.status).toBe(400);
    expect(wrongPurpose.status).toBe(400);
    expect(wrongPurpose.body.errors.token).toBe(unknown.body.errors.token);
  });

  it('when a newer link is redeemed, then the older link of the same account no longer works', async () => {
    const { account } = await createAccount(t);
    const older = await issue(account.id);
    const newer = await issue(account.id);
    expect((await reset(newer)).status).toBe(200);
    expect((await reset(older, 'yet another passphrase')).status).toBe(400);
  });

  it('when the new password is short or fields are missing, then 400 names them and the token is not spent', async () => {
    const { account } = await createAccount(t);
    const token = await issue(account.id);
    const weak = await reset(token, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.errors.newPassword).toMatch(/10 characters/);
    const empty = await client(t).post('/api/wallet/password-reset', {});
    expect(Object.keys(empty.body.errors).sort()).toEqual(['newPassword', 'token']);
    expect((await reset(token)).status).toBe(200);
  });

  it('when the account is held by support, then the reset changes the password but keeps the hold', async () => {
    const { account } = await createAccount(t, { status: 'locked', lockReason: 'customer_request' });
    expect((await reset(await issue(account.id))).status).toBe(200);
    expect(await reloadAccount(t, account.id)).toMatchObject({
      status: 'locked',
      lockReason: 'customer_request',
    });
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(423);
  });
});
