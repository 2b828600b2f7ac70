import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import type { Staff } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { dummyPasswordHash, verifyPassword } from '../shared/passwords';
import { findStaffById, findStaffByUsername, recordFailedSignIn, recordSuccessfulSignIn } from './staffRepo';
import { verifyTotp } from './totp';

export const MAX_FAILED_SIGN_INS = 10;
export const STAFF_LOCK_MS = 15 * 60_000;
export const MFA_WINDOW_MS = 5 * 60_000;
export const MAX_MFA_ATTEMPTS = 5;

export type Identity = { id: number; username: string; fullName: string; role: Staff['role'] };

export const identityOf = (s: Pick<Staff, 'id' | 'username' | 'fullName' | 'role'>): Identity => ({
  id: s.id,
  username: s.username,
  fullName: s.fullName,
  role: s.role,
});

const WRONG = 'Wrong username or password';

/**
 * Checks a staff member's password. Unknown user, disabled user and wrong password all answer
 * the same 401 after the same argon2 work, so sign-in cannot be used to list usernames.
 */
export async function checkStaffPassword(
  deps: AppDeps,
  ctx: AuditContext,
  username: string,
  password: string,
): Promise<Staff> {
  const now = deps.now();
  const found = findStaffByUsername(deps.db, username);
  const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
  const deny = (why: string, error: AppError) => {
    inTransaction(deps.db, (tx) => {
      appendAudit(tx, ctx, {
        action: 'staff.sign_in',
        outcome: 'denied',
        actorUsername: username.slice(0, 64),
        targetType: 'staff',
        targetId: found?.id,
        details: { why },
      });
    });
    return error;
  };
  if (!found || found.disabled) throw deny(found ? 'disabled' : 'unknown_user', AppError.unauthorized(WRONG));
  if (found.lockedUntil && found.lockedUntil > now) {
    throw deny(
      'locked',
      AppError.locked('Too many failed sign-ins: this staff account is locked for 15 minutes'),
    );
  }
  if (!ok) {
    const failures = found.failedSignIns + 1;
    const locks = failures >= MAX_FAILED_SIGN_INS;
    inTransaction(deps.db, (tx) => {
      recordFailedSignIn(tx, found.id, locks ? 0 : failures, locks ? now + STAFF_LOCK_MS : null);
      appendAudit(tx, ctx, {
        action: 'staff.sign_in',
        outcome: 'denied',
        actorUsername: found.username,
        targetType: 'staff',
        targetId: found.id,
        details: { why: 'wrong_password', failures, locked: locks },
      });
    });
    throw locks
      ? AppError.locked('Too many failed sign-ins: this staff account is locked for 15 minutes')
      : AppError.unauthorized(WRONG);
  }
  return found;
}

/** Records a completed sign-in (password, and TOTP where enrolled). */
export function completeSignIn(
  deps: AppDeps,
  ctx: AuditContext,
  member: Staff,
  method: 'password' | 'password+totp',
) {
  inTransaction(deps.db, (tx) => {
    recordSuccessfulSignIn(tx, member.id, deps.now());
    appendAudit(
      tx,
      { ...ctx, actor: identityOf(member) },
      {
        action: 'staff.sign_in',
        outcome: 'success',
        targetType: 'staff',
        targetId: member.id,
        details: { method },
      },
    );
  });
}

export function checkMfa(deps: AppDeps, ctx: AuditContext, staffId: number, code: string): Staff {
  const member = findStaffById(deps.db, staffId);
  if (!member || member.disabled || !member.totpSecret) throw AppError.unauthorized('Sign in again');
  if (!verifyTotp(member.totpSecret, code, deps.now())) {
    inTransaction(deps.db, (tx) => {
      appendAudit(tx, ctx, {
        action: 'staff.mfa',
        outcome: 'denied',
        actorUsername: member.username,
        targetType: 'staff',
        targetId: member.id,
      });
    });
    // A machine-readable code lets the console say it in the agent's language and keep the code step open.
    throw AppError.unauthorized('Wrong code', { code: 'wrong_code' });
  }
  return member;
}

export function recordSignOut(deps: AppDeps, ctx: AuditContext, why: 'sign_out' | 'expired' = 'sign_out') {
  inTransaction(deps.db, (tx) => {
    appendAudit(tx, ctx, {
      action: 'staff.sign_out',
      outcome: 'success',
      targetType: 'staff',
      targetId: ctx.actor?.id,
      details: { why },
    });
  });
}
