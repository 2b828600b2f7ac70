import QRCode from 'qrcode';
import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import type { Actor } from './actor';
import {
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeHash,
  replaceRecoveryCodes,
  unusedRecoveryCodes,
} from './recoveryCodes';
import type { Identity } from './signIn';
import { acceptTotpStep, enrolTotp, findStaffById } from './staffRepo';
import { checkTotp, newTotpSecret, totpUri } from './totp';

/**
 * Staff TOTP enrolment (docs/design.md, Staff TOTP enrolment). A member signed in with their password and no
 * authenticator gets a secret (QR code and text), held in *their session* only and for 10 minutes; it takes
 * effect when they type a code it produces, with a compare-and-set on `staff.totp_secret IS NULL`: an
 * enrolled member's secret is never replaced here (a supervisor's reset-mfa removes it first), and of two
 * sessions confirming at once one wins. The confirmation answers ten recovery codes, shown once.
 */
export const ENROLMENT_WINDOW_MS = 10 * 60_000;

export type PendingEnrolment = { staffId: number; secret: string; until: number };

export type EnrolmentStart = {
  /** Base32, for typing into an authenticator that cannot scan. */
  secret: string;
  otpauthUri: string;
  /** The same address as a PNG data: URL. */
  qrCode: string;
  expiresAt: number;
};

/** POST /auth/enrolment/confirm: the identity now enrolled, and the recovery codes shown this once. */
export type EnrolmentDone = { identity: Identity; recoveryCodes: string[] };

type Scope = { deps: AppDeps; ctx: AuditContext; actor: Actor };

/** An enrolled member's try at enrolment (someone hoping to skip their code step): audited, then 409. */
async function refuseEnrolled(tx: Tx, ctx: AuditContext, staffId: number): Promise<AppError> {
  await appendAudit(tx, ctx, {
    action: 'staff.mfa_enrol',
    outcome: 'denied',
    targetType: 'staff',
    targetId: staffId,
    details: { why: 'already_enrolled' },
  });
  return AppError.conflict('An authenticator is already enrolled: a supervisor can reset it', {
    code: 'already_enrolled',
  });
}

function newRecoveryCodes(piiKey: Buffer) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map((code) => recoveryCodeHash(piiKey, code)) };
}

/** Refuses (audited) a member who already has an authenticator; answers the member otherwise. */
function unenrolledMember({ deps, ctx, actor }: Scope) {
  return commitThenRefuse(deps.db, async (tx) => {
    const member = await findStaffById(tx, actor.id);
    if (!member || member.disabled) throw AppError.unauthorized();
    return member.totpSecret === null ? member : refuseEnrolled(tx, ctx, member.id);
  });
}

/**
 * Starts (or, within its 10 minutes, shows again) the session's pending enrolment: a reload or a double
 * click shows the secret the phone may already have scanned.
 */
export async function startEnrolment(
  scope: Scope,
  pending: PendingEnrolment | undefined,
): Promise<{ pending: PendingEnrolment; answer: EnrolmentStart }> {
  const member = await unenrolledMember(scope);
  const now = scope.deps.now();
  const keep = pending && pending.staffId === member.id && pending.until > now;
  const next = keep
    ? pending
    : { staffId: member.id, secret: newTotpSecret(), until: now + ENROLMENT_WINDOW_MS };
  const otpauthUri = totpUri(next.secret, member.username);
  const qrCode = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { pending: next, answer: { secret: next.secret, otpauthUri, qrCode, expiresAt: next.until } };
}

/**
 * The code proves the authenticator holds the pending secret; then the secret is the member's, the code's
 * time step counts as used (it cannot also complete a sign-in), and ten recovery codes replace any old ones.
 */
export async function confirmEnrolment(
  scope: Scope,
  pending: PendingEnrolment | undefined,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const member = await unenrolledMember(scope);
  const { deps, ctx } = scope;
  const now = deps.now();
  if (!pending || pending.staffId !== member.id) {
    throw AppError.conflict('Start the enrolment first', { code: 'enrolment_not_started' });
  }
  if (pending.until <= now) {
    throw AppError.conflict('This enrolment expired: start again', { code: 'enrolment_expired' });
  }
  const check = checkTotp(pending.secret, code, now, null);
  if (!check.ok) throw AppError.field('code', 'is not the code your authenticator shows');
  const { codes, hashes } = newRecoveryCodes(deps.keys.piiKey);
  return commitThenRefuse(deps.db, async (tx) => {
    if (!(await enrolTotp(tx, member.id, pending.secret, check.step)))
      return refuseEnrolled(tx, ctx, member.id);
    await replaceRecoveryCodes(tx, member.id, hashes, now);
    await appendAudit(tx, ctx, {
      action: 'staff.mfa_enrol',
      outcome: 'success',
      targetType: 'staff',
      targetId: member.id,
      details: {
        before: { totpEnrolled: false },
        after: { totpEnrolled: true },
        recoveryCodes: codes.length,
      },
    });
    return { recoveryCodes: codes };
  });
}

/**
 * Ten new recovery codes, the old ones void. It takes a fresh authenticator code (a time step not used
 * before): a session left open on someone's desk does not mint a way back in.
 */
export async function regenerateRecoveryCodes(
  { deps, ctx, actor }: Scope,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const { codes, hashes } = newRecoveryCodes(deps.keys.piiKey);
  const now = deps.now();
  return commitThenRefuse(deps.db, async (tx) => {
    const member = await findStaffById(tx, actor.id);
    if (!member || member.disabled) throw AppError.unauthorized();
    const base = {
      action: 'staff.recovery_codes_regenerate',
      targetType: 'staff',
      targetId: member.id,
    } as const;
    if (member.totpSecret === null) {
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why: 'no_mfa' } });
      return AppError.conflict('No authenticator enrolled', { code: 'no_mfa' });
    }
    const check = checkTotp(member.totpSecret, code, now, member.totpLastStep);
    if (!check.ok || !(await acceptTotpStep(tx, member.id, check.step))) {
      const why = check.ok || check.reused ? 'code_used' : 'wrong_code';
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why } });
      return new AppError(403, 'Type a fresh code from your authenticator', {
        code: 'policy_refused',
        missing: ['mfa:code'],
        reason: why,
      });
    }
    const unusedBefore = await unusedRecoveryCodes(tx, member.id);
    await replaceRecoveryCodes(tx, member.id, hashes, now);
    await appendAudit(tx, ctx, {
      ...base,
      outcome: 'success',
      details: { unusedBefore, recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}
