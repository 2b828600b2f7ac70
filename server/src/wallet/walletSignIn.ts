import { findAccount } from '../accounts/accountReadRepo';
import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { dummyPasswordHash, verifyPassword } from '../shared/passwords';
import { decideSignIn, LOCK_COUNT_WINDOW_MS, type SignInDecision } from './signInPolicy';
import {
  findAccountsByLogin,
  insertLoginEvent,
  recentSignIns,
  type SignInEvent,
  upsertDevice,
  writeLockState,
} from './walletRepo';

/** One answer for every locked or closed account, whether or not the password was right. */
export const LOCKED_MESSAGE = 'This account is locked. Try again later or contact OKPay support.';
export const WRONG_LOGIN_MESSAGE = 'Wrong login or password';

export type WalletSignInRequest = {
  login: string;
  password: string;
  ip: string;
  device: string;
  country: string;
};

/**
 * A right password signs in; what the wallet must ask next rides along: a new password (an agent's temporary
 * one), or a new two-factor enrolment after an approved reset (docs/design.md, Two-factor reset) — the second
 * factor is gone, so the wallet sends the customer to enrol before anything else.
 */
export type WalletSignInResult = {
  signedIn: true;
  accountNumber: string;
  mustChangePassword: boolean;
  twoFactorEnrolRequired: boolean;
};

async function auditLock(
  tx: Parameters<typeof appendAudit>[0],
  ctx: AuditContext,
  accountId: number,
  d: SignInDecision,
) {
  if (!d.lockedNow) return;
  await appendAudit(tx, ctx, {
    action: 'wallet.auto_lock',
    outcome: 'success',
    actorUsername: 'sign-in policy',
    targetType: 'account',
    targetId: accountId,
    details: {
      by: 'sign_in_policy',
      lockReason: d.lockedNow.reason,
      permanent: d.lockedNow.permanent,
      lockedUntil: d.next.lockedUntil,
    },
  });
}

/**
 * A customer's sign-in. The password is checked first (the same argon2 work for unknown logins),
 * then the account is re-read, judged by the policy and updated with its sign-in event and
 * device in one IMMEDIATE transaction, so two concurrent wrong passwords count as two.
 */
export async function walletSignIn(
  deps: AppDeps,
  ctx: AuditContext,
  request: WalletSignInRequest,
): Promise<WalletSignInResult> {
  const matches = await findAccountsByLogin(deps.db, request.login);
  const candidate = matches.length === 1 ? matches[0] : undefined;
  const passwordOk = await verifyPassword(
    candidate?.passwordHash ?? (await dummyPasswordHash()),
    request.password,
  );
  if (!candidate) throw AppError.unauthorized(WRONG_LOGIN_MESSAGE);

  const now = deps.now();
  const { decision, account } = await inTransaction(deps.db, async (tx) => {
    const account = (await findAccount(tx, candidate.id))!;
    // A password changed while we were hashing: the one typed was checked against the old one.
    const stillOk = passwordOk && account.passwordHash === candidate.passwordHash;
    const recent = await recentSignIns(tx, account.id, now - LOCK_COUNT_WINDOW_MS);
    const decision = decideSignIn(account, recent, { passwordOk: stillOk, country: request.country, now });
    if (decision.outcome !== 'blocked' || decision.statusChanged) {
      await writeLockState(tx, account.id, decision.next, decision.statusChanged, now);
    }
    const event: SignInEvent = {
      accountId: account.id,
      at: now,
      outcome: decision.outcome,
      ip: request.ip,
      device: request.device,
      country: request.country,
    };
    await insertLoginEvent(tx, event);
    await upsertDevice(tx, event);
    await auditLock(tx, ctx, account.id, decision);
    return { decision, account };
  });

  if (decision.answer === 'locked') throw AppError.locked(LOCKED_MESSAGE);
  if (decision.answer === 'wrong_password') throw AppError.unauthorized(WRONG_LOGIN_MESSAGE);
  return {
    signedIn: true,
    accountNumber: account.accountNumber,
    mustChangePassword: account.mustChangePassword,
    twoFactorEnrolRequired: account.twoFactorEnrolRequired,
  };
}
