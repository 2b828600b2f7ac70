import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/client';
import type { TokenPurpose } from '../src/db/schema';
import { issueCustomerToken } from '../src/wallet/tokens';
import { arrange, completeChange, fileChange, linkToken, mailbox, REASON } from './email-change-flow';
import { createAccount } from './factories/accounts';
import { client, makeTestApp, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const status = async (token: string, purpose: TokenPurpose) => {
  const res = await client(t).post('/api/wallet/token-status', { token, purpose });
  expect(res.status).toBe(200);
  return res.body;
};

function issue(accountId: number, purpose: TokenPurpose = 'password_reset') {
  return inTransaction(t.deps.db, async (tx) =>
    issueCustomerToken(tx, { accountId, purpose, ttlMs: HOUR }, t.deps.now()),
  );
}

describe('token status for the customer pages', () => {
  it('when a reset link is fresh, spent, expired, unknown or of another page, then the answer is only that word', async () => {
    const { account } = await createAccount(t);
    const fresh = await issue(account.id);
    expect(await status(fresh, 'password_reset')).toEqual({ status: 'valid' });
    expect(await status(fresh, 'email_confirm')).toEqual({ status: 'unknown' });
    expect(await status('no-such-token-at-all', 'password_reset')).toEqual({ status: 'unknown' });

    const redeemed = await client(t).post('/api/wallet/password-reset', {
      token: fresh,
      newPassword: 'a brand new passphrase',
    });
    expect(redeemed.status).toBe(200);
    expect(await status(fresh, 'password_reset')).toEqual({ status: 'used' });

    const late = await issue(account.id);
    t.advance(HOUR + 1);
    expect(await status(late, 'password_reset')).toEqual({ status: 'expired' });
  });

  it('when an email change moves on, then its confirm and revert links say used or expired as redeeming would', async () => {
    const s = await arrange(t);
    const newEmail = `new.${Date.now()}@example.com`;
    const { revertToken } = await completeChange(t, s, newEmail);
    const confirmToken = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
    expect(await status(confirmToken, 'email_confirm')).toEqual({ status: 'used' });
    expect(await status(revertToken, 'email_revert')).toEqual({ status: 'valid' });
    const reverted = await s.customer.post('/api/wallet/email-change/revert', { token: revertToken });
    expect(reverted.status).toBe(200);
    expect(await status(revertToken, 'email_revert')).toEqual({ status: 'used' });
  });

  it('when a confirm link outlives its time, then it reads expired before anyone types', async () => {
    const s = await arrange(t);
    const newEmail = `other.${Date.now()}@example.com`;
    const filed = await fileChange(s, newEmail);
    await s.approver.post(`/api/email-changes/${filed.body.id}/approve`, { reason: REASON });
    const confirmToken = linkToken(await mailbox(t, newEmail, 'email_change_confirm'), 'confirm-email');
    expect(await status(confirmToken, 'email_confirm')).toEqual({ status: 'valid' });
    t.advance(8 * 24 * HOUR);
    expect(await status(confirmToken, 'email_confirm')).toEqual({ status: 'expired' });
  });

  it('when the body is wrong, then 400 naming the field', async () => {
    const res = await client(t).post('/api/wallet/token-status', { token: 'x', purpose: 'everything' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('purpose');
  });
});
