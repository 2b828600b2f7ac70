import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import type { Staff } from '../db/tables';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { dummyPasswordHash, verifyPassword } from '../shared/passwords';
import { totpRequired } from './mfaRule';
import { recoveryCodeHash, spendRecoveryCode, unusedRecoveryCodes } from './recoveryCodes';
import {
  attemptedBy,
  countAttempt,
  LOCKED_MESSAGE,
  type SignInKeys,
  signInKeys,
  signInSucceeded,
  stepSucceeded,
} from './signInLimits';
import { acceptTotpStep, findStaffById, findStaffByUsername, recordSuccessfulSignIn } from './staffRepo';
import { checkTotp } from './totp';

export const MFA_WINDOW_MS = 5 * 60_000;
export const MAX_MFA_ATTEMPTS = 5;

export type Identity = {
  id: number;
  username: string;
  fullName: string;
  role: Staff['role'];
  /** True while the member signs in with a temporary password: the console asks for a new one first. */
  mustChangePassword: boolean;
  /**
   * True while a member who must have an authenticator has none (docs/design.md, Staff TOTP enrolment):
   * every route but enrolment, who-am-I, sign-out and the password change refuses them.
   */
  mfaEnrolmentRequired: boolean;
};

/** What identityOf reads of a member: whether an authenticator is enrolled, never the secret itself. */
export type IdentitySource = Pick<Staff, 'id' | 'username' | 'fullName' | 'role' | 'mustChangePassword'> & {
  totpEnrolled: boolean;
};

export const enrolledSource = (s: Staff): IdentitySource => ({ ...s, totpEnrolled: s.totpSecret !== null });

export const identityOf = (config: AppDeps['config'], s: IdentitySource): Identity => ({
  id: s.id,
  username: s.username,
  fullName: s.fullName,
  role: s.role,
  mustChangePassword: s.mustChangePassword,
  mfaEnrolmentRequired: !s.totpEnrolled && totpRequired(config, s),
});

const WRONG = 'Wrong username or password';

async function denyAttempt(
  deps: AppDeps,
  ctx: AuditContext,
  action: 'staff.sign_in' | 'staff.mfa',
  keys: SignInKeys,
  member: Staff | undefined,
  details: Record<string, unknown>,
) {
  const who = attemptedBy(member, keys);
  await inTransaction(deps.db, async (tx) => {
    await appendAudit(tx, ctx, {
      action,
      outcome: 'denied',
      actorUsername: who.actorUsername,
      targetType: 'staff',
      targetId: who.targetId,
      details: { ...details, usernameHash: who.hash },
    });
  });
}

/**
 * Checks a staff member's password. Unknown user, disabled user and wrong password answer the
 * same 401 after the same argon2 work and count on the same counters (signInLimits.ts), so
 * sign-in cannot be used to list usernames. The attempt is counted before the password is
 * checked: parallel guesses cannot overtake the limit.
 */
export async function checkStaffPassword(
  deps: AppDeps,
  ctx: AuditContext,
  username: string,
  password: string,
): Promise<{ member: Staff; keys: SignInKeys }> {
  const found = await findStaffByUsername(deps.db, username);
  const keys = signInKeys(deps, username, ctx.ip);
  const { attempt, lastAllowed } = await countAttempt(deps, ctx, 'staff.sign_in', keys, found);
  const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
  // A temporary password nobody used in time is dead: the same answer as a wrong one.
  const expired = found?.temporaryPasswordUntil != null && found.temporaryPasswordUntil < deps.now();
  if (!found || found.disabled || !ok || expired) {
    const why = !found
      ? 'unknown_user'
      : found.disabled
        ? 'disabled'
        : !ok
          ? 'wrong_password'
          : 'temporary_password_expired';
    await denyAttempt(deps, ctx, 'staff.sign_in', keys, found, {
      why,
      failures: attempt,
      locked: lastAllowed,
    });
    throw lastAllowed ? AppError.locked(LOCKED_MESSAGE) : AppError.unauthorized(WRONG);
  }
  await stepSucceeded(deps, keys);
  return { member: found, keys };
}

export type SignInMethod = 'password' | 'password+totp' | 'password+recovery_code';

/** Records a completed sign-in (password, and TOTP where enrolled) and clears its counter. */
export async function completeSignIn(deps: AppDeps, ctx: AuditContext, member: Staff, method: SignInMethod) {
  const keys = signInKeys(deps, member.username, ctx.ip);
  await inTransaction(deps.db, async (tx) => {
    await recordSuccessfulSignIn(tx, member.id, deps.now());
    await signInSucceeded(tx, keys, member, deps.now());
    await appendAudit(
      tx,
      { ...ctx, actor: { id: member.id, username: member.username, role: member.role } },
      {
        action: 'staff.sign_in',
        outcome: 'success',
        targetType: 'staff',
        targetId: member.id,
        details: {
          method,
          ...(identityOf(deps.config, enrolledSource(member)).mfaEnrolmentRequired
            ? { mfaEnrolmentRequired: true }
            : {}),
        },
      },
    );
  });
}

/**
 * The TOTP step of a sign-in. A code counts on the same counters as a password (a known password
 * does not buy unlimited code guesses), and a time step once accepted is refused: the accepted
 * step is stored with a compare-and-set, so two requests with one code cannot both sign in.
 */
export async function checkMfa(
  deps: AppDeps,
  ctx: AuditContext,
  staffId: number,
  code: string,
): Promise<Staff> {
  const member = await findStaffById(deps.db, staffId);
  if (!member || member.disabled || !member.totpSecret) throw AppError.unauthorized('Sign in again');
  const keys = signInKeys(deps, member.username, ctx.ip);
  const { attempt, lastAllowed } = await countAttempt(deps, ctx, 'staff.mfa', keys, member);
  const now = deps.now();
  const check = checkTotp(member.totpSecret, code, now, member.totpLastStep);
  const accepted = check.ok && (await acceptTotpStep(deps.db, member.id, check.step));
  if (!accepted) {
    const reused = check.ok || check.reused;
    await denyAttempt(deps, ctx, 'staff.mfa', keys, member, {
      why: reused ? 'code_used' : 'wrong_code',
      failures: attempt,
      locked: lastAllowed,
    });
    if (lastAllowed) throw AppError.locked(LOCKED_MESSAGE);
    // A machine-readable code lets the console say it in the agent's language and keep the code step open.
    throw reused
      ? AppError.unauthorized('This code was already used: wait for the next one', { code: 'code_used' })
      : AppError.unauthorized('Wrong code', { code: 'wrong_code' });
  }
  await stepSucceeded(deps, keys);
  return member;
}

/**
 * A recovery code instead of the TOTP code (docs/design.md, Staff TOTP enrolment): counted on the same
 * counters, compared as a keyed hash, spent with a compare-and-set (of 40 parallel uses one signs in), and
 * its use audited with how many remain.
 */
export async function checkRecoveryCode(
  deps: AppDeps,
  ctx: AuditContext,
  staffId: number,
  typed: string,
): Promise<Staff> {
  const member = await findStaffById(deps.db, staffId);
  if (!member || member.disabled || !member.totpSecret) throw AppError.unauthorized('Sign in again');
  const keys = signInKeys(deps, member.username, ctx.ip);
  const { attempt, lastAllowed } = await countAttempt(deps, ctx, 'staff.mfa', keys, member);
  const hash = recoveryCodeHash(deps.keys.piiKey, typed);
  const use = await inTransaction(deps.db, async (tx) => {
    const result = await spendRecoveryCode(tx, member.id, hash, deps.now());
    if (result === 'used') {
      await appendAudit(
        tx,
        { ...ctx, actor: { id: member.id, username: member.username, role: member.role } },
        {
          action: 'staff.recovery_code_use',
          outcome: 'success',
          targetType: 'staff',
          targetId: member.id,
          details: { remaining: await unusedRecoveryCodes(tx, member.id) },
        },
      );
    }
    return result;
  });
  if (use !== 'used') {
    const reused = use === 'already_used';
    await denyAttempt(deps, ctx, 'staff.mfa', keys, member, {
      why: reused ? 'recovery_code_used' : 'wrong_recovery_code',
      failures: attempt,
      locked: lastAllowed,
    });
    if (lastAllowed) throw AppError.locked(LOCKED_MESSAGE);
    throw reused
      ? AppError.unauthorized('This recovery code was already used', { code: 'recovery_code_used' })
      : AppError.unauthorized('Wrong recovery code', { code: 'wrong_code' });
  }
  await stepSucceeded(deps, keys);
  return member;
}

export async function recordSignOut(
  deps: AppDeps,
  ctx: AuditContext,
  why: 'sign_out' | 'expired' | 'wrong_codes' = 'sign_out',
) {
  await inTransaction(deps.db, async (tx) => {
    await appendAudit(tx, ctx, {
      action: 'staff.sign_out',
      outcome: 'success',
      targetType: 'staff',
      targetId: ctx.actor?.id,
      details: { why },
    });
  });
}
