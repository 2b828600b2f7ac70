import { appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import { AppError } from '../http/errors';
import { hashPassword, verifyPassword } from '../shared/passwords';
import type { Caller } from './actor';
import { enrolledSource, identityOf } from './signIn';
import { countAttempt, LOCKED_MESSAGE, signInKeys, signInSucceeded, stepSucceeded } from './signInLimits';
import { findStaffById, updateStaff } from './staffRepo';

export const MIN_STAFF_PASSWORD = 12;

/**
 * A member chooses their own password (required after a temporary one: docs/design.md, Staff lifecycle).
 * The current password is counted on the sign-in counters before it is checked, so a stolen session does
 * not buy unlimited guesses at it. A wrong current password is a 400 naming the field, not a 401: the
 * session stays signed in.
 */
export async function changeOwnPassword(
  { deps, ctx, actor }: Caller,
  input: { currentPassword: string; newPassword: string },
) {
  const member = await findStaffById(deps.db, actor.id);
  if (!member || member.disabled) throw AppError.unauthorized();
  const keys = signInKeys(deps, member.username, ctx.ip);
  const { lastAllowed } = await countAttempt(deps, ctx, 'staff.password_change', keys, member);
  const deny = (why: string) =>
    inTransaction(deps.db, async (tx) =>
      appendAudit(tx, ctx, {
        action: 'staff.password_change',
        outcome: 'denied',
        targetType: 'staff',
        targetId: member.id,
        details: { why },
      }),
    );
  if (!(await verifyPassword(member.passwordHash, input.currentPassword))) {
    await deny('wrong_password');
    if (lastAllowed) throw AppError.locked(LOCKED_MESSAGE);
    throw AppError.field('currentPassword', 'is not your current password');
  }
  await stepSucceeded(deps, keys);
  if (input.newPassword === input.currentPassword) {
    throw AppError.field('newPassword', 'must differ from the current password');
  }
  if (input.newPassword.toLowerCase().includes(member.username.toLowerCase())) {
    throw AppError.field('newPassword', 'must not contain your username');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const wasTemporary = member.mustChangePassword;
  await inTransaction(deps.db, async (tx) => {
    await updateStaff(tx, member.id, {
      passwordHash,
      mustChangePassword: false,
      temporaryPasswordUntil: null,
    });
    await signInSucceeded(tx, keys, member, deps.now());
    await appendAudit(tx, ctx, {
      action: 'staff.password_change',
      outcome: 'success',
      targetType: 'staff',
      targetId: member.id,
      details: { wasTemporary },
    });
  });
  return identityOf(deps.config, { ...enrolledSource(member), mustChangePassword: false });
}
