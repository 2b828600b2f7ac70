import { type AuditContext, appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { AuditAction, Staff, StaffRole } from '../db/tables';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { hashPassword } from '../shared/passwords';
import type { Actor } from './actor';
import { replaceRecoveryCodes } from './recoveryCodes';
import { clearSignInLocks, signInLockOf } from './signInLimits';
import {
  countOtherActiveSupervisors,
  endSessionsOf,
  findStaffById,
  findStaffByUsername,
  insertStaff,
  listStaff,
  type StaffView,
  updateStaff,
} from './staffRepo';
import { newTemporaryPassword, TEMPORARY_PASSWORD_MS } from './temporaryPassword';

/**
 * Supervisors run the desk's staff (docs/design.md, Staff lifecycle): create with a temporary password,
 * change name or role, disable (sessions end at once), enable, reset the password, lift sign-in locks,
 * reset the authenticator. Nobody is ever deleted (the trail keeps its actors). Nobody changes their own
 * role, disables or resets themselves, and the desk always keeps one active supervisor. Every step, and
 * every refusal, is an audit row with its reason, written in the transaction of the change.
 *
 * `actor` is null for the staff CLI, run by whoever operates the server (they hold the database anyway):
 * the self rules do not apply to it, the last-supervisor rule does.
 */
export type StaffAdmin = {
  deps: Pick<AppDeps, 'db' | 'keys' | 'now'>;
  ctx: AuditContext;
  actor: Actor | null;
  /** Who the trail names when there is no actor (the CLI's `cli`). */
  operator?: string;
};

/** A member as supervisors see them: the list row plus, when locked out of sign-in, until when. */
export type StaffMemberView = StaffView & { signInLockedUntil: number | null };

/** What a create or a password reset answers: the only time the temporary password is ever shown. */
export type TemporaryPasswordAnswer = StaffMemberView & {
  temporaryPassword: string;
  temporaryPasswordUntil: number;
};

type StepScope = { tx: Tx; target: Staff; now: number };

type Step<R> = {
  action: AuditAction;
  reason: string;
  /** Refused on oneself (403 staff:not_self). */
  notSelf: boolean;
  /** The change; an AppError it returns (a state conflict) is audited as denied and thrown after commit. */
  run: (scope: StepScope) => Promise<{ answer: R; details: Record<string, unknown> } | AppError>;
};

function refusal(message: string, missing: string): AppError {
  return AppError.forbidden('policy_refused', message, [missing]);
}

/**
 * The request's identity was read when it arrived; whoever disabled or demoted this supervisor in the
 * meantime (two supervisors disabling each other at once) wins.
 */
async function actorRefusal(tx: Tx, actor: Actor | null): Promise<AppError | null> {
  if (!actor) return null;
  const self = await findStaffById(tx, actor.id);
  return !self || self.disabled || self.role !== 'supervisor'
    ? refusal('Only an active supervisor manages staff', 'role:supervisor')
    : null;
}

/** One lifecycle step on one member: load, check the rules, change, audit — or audit the refusal. */
function runStep<R>({ deps, ctx, actor, operator }: StaffAdmin, targetId: number, step: Step<R>): Promise<R> {
  return commitThenRefuse(deps.db, async (tx): Promise<R | AppError> => {
    const target = await findStaffById(tx, targetId);
    if (!target) throw AppError.notFound('Staff member');
    const base = {
      action: step.action,
      targetType: 'staff',
      targetId,
      reason: step.reason,
      actorUsername: operator,
    } as const;
    const deny = async (error: AppError, why: string) => {
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why, ...error.extra } });
      return error;
    };
    const inactive = await actorRefusal(tx, actor);
    if (inactive) return deny(inactive, 'actor_inactive');
    if (actor && step.notSelf && actor.id === target.id) return deny(selfRefusal(), 'self');
    const now = deps.now();
    const result = await step.run({ tx, target, now });
    if (result instanceof AppError) {
      const missing = result.extra.missing as string[] | undefined;
      return deny(
        result,
        missing?.includes('staff:not_self') ? 'self' : String(result.extra.code ?? 'conflict'),
      );
    }
    await appendAudit(tx, ctx, { ...base, outcome: 'success', details: result.details });
    return result.answer;
  });
}

function selfRefusal(): AppError {
  return refusal('Ask another supervisor to do this for you', 'staff:not_self');
}

/** Refuses a step that would leave the desk without an active supervisor. */
async function keepsASupervisor(tx: Tx, target: Staff, after: { role: StaffRole; disabled: boolean }) {
  const losesOne =
    target.role === 'supervisor' && !target.disabled && (after.disabled || after.role !== 'supervisor');
  if (losesOne && (await countOtherActiveSupervisors(tx, target.id)) === 0) {
    return refusal('The desk needs at least one active supervisor', 'staff:another_active_supervisor');
  }
  return null;
}

export async function staffMemberView(
  deps: Pick<AppDeps, 'db' | 'keys' | 'now'>,
  member: StaffView,
): Promise<StaffMemberView> {
  return {
    ...member,
    signInLockedUntil: await signInLockOf(deps.db, deps.keys.piiKey, member.username, deps.now()),
  };
}

async function viewOf(deps: StaffAdmin['deps'], id: number): Promise<StaffMemberView> {
  const { rows } = await listStaff(deps.db, { ids: [id], offset: 0, limit: 1 });
  if (!rows[0]) throw AppError.notFound('Staff member');
  return staffMemberView(deps, rows[0]);
}

export function showStaffMember(deps: StaffAdmin['deps'], id: number): Promise<StaffMemberView> {
  return viewOf(deps, id);
}

export type NewStaff = { username: string; fullName: string; role: StaffRole; reason: string };

/** A new member with a temporary password, shown once in the answer; they choose their own at first sign-in. */
export async function createStaff(admin: StaffAdmin, input: NewStaff): Promise<TemporaryPasswordAnswer> {
  const { deps, ctx, actor } = admin;
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const temporaryPasswordUntil = deps.now() + TEMPORARY_PASSWORD_MS;
  const created = await commitThenRefuse(deps.db, async (tx) => {
    const base = { action: 'staff.create', targetType: 'staff', reason: input.reason } as const;
    const inactive = await actorRefusal(tx, actor);
    if (inactive) {
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { why: 'actor_inactive' } });
      return inactive;
    }
    if (await findStaffByUsername(tx, input.username)) {
      await appendAudit(tx, ctx, {
        ...base,
        outcome: 'denied',
        details: { why: 'username_taken', username: input.username },
      });
      return AppError.conflict('This username is taken', {
        code: 'username_taken',
        errors: { username: 'is taken' },
      });
    }
    const member = await insertStaff(tx, {
      username: input.username,
      fullName: input.fullName,
      role: input.role,
      passwordHash,
      mustChangePassword: true,
      temporaryPasswordUntil,
    });
    await appendAudit(tx, ctx, {
      ...base,
      targetId: member.id,
      outcome: 'success',
      details: { username: member.username, fullName: member.fullName, role: member.role },
    });
    return member;
  });
  return { ...(await viewOf(deps, created.id)), temporaryPassword, temporaryPasswordUntil };
}

export type StaffChanges = { fullName?: string; role?: StaffRole; reason: string };

/** Name and role. A role change applies at the member's next request (their identity is read per request). */
export async function updateStaffMember(
  admin: StaffAdmin,
  id: number,
  changes: StaffChanges,
): Promise<StaffMemberView> {
  await runStep(admin, id, {
    action: 'staff.update',
    reason: changes.reason,
    notSelf: false,
    run: async ({ tx, target }) => {
      const after = { fullName: changes.fullName ?? target.fullName, role: changes.role ?? target.role };
      // The whole record comes back from the console's form: only a role that changes is a role change.
      if (after.role !== target.role) {
        if (admin.actor?.id === target.id) return selfRefusal();
        const refused = await keepsASupervisor(tx, target, { role: after.role, disabled: target.disabled });
        if (refused) return refused;
      }
      const changed = (['fullName', 'role'] as const).filter((f) => after[f] !== target[f]);
      if (changed.length === 0) {
        return AppError.conflict('Nothing to change', { code: 'no_change' });
      }
      await updateStaff(tx, target.id, after);
      const pick = (from: Pick<Staff, 'fullName' | 'role'>) =>
        Object.fromEntries(changed.map((f) => [f, from[f]]));
      return { answer: null, details: { before: pick(target), after: pick(after) } };
    },
  });
  return viewOf(admin.deps, id);
}

/** Disables the member and ends their sessions in the same transaction: their next request is refused. */
export async function disableStaff(admin: StaffAdmin, id: number, reason: string): Promise<StaffMemberView> {
  await runStep(admin, id, {
    action: 'staff.disable',
    reason,
    notSelf: true,
    run: async ({ tx, target }) => {
      if (target.disabled) return AppError.conflict('Already disabled', { code: 'already_disabled' });
      const refused = await keepsASupervisor(tx, target, { role: target.role, disabled: true });
      if (refused) return refused;
      await updateStaff(tx, target.id, { disabled: true });
      const sessionsEnded = await endSessionsOf(tx, target.id);
      return {
        answer: null,
        details: { before: { disabled: false }, after: { disabled: true }, sessionsEnded },
      };
    },
  });
  return viewOf(admin.deps, id);
}

export async function enableStaff(admin: StaffAdmin, id: number, reason: string): Promise<StaffMemberView> {
  await runStep(admin, id, {
    action: 'staff.enable',
    reason,
    notSelf: true,
    run: async ({ tx, target }) => {
      if (!target.disabled) return AppError.conflict('Not disabled', { code: 'not_disabled' });
      await updateStaff(tx, target.id, { disabled: false });
      return { answer: null, details: { before: { disabled: true }, after: { disabled: false } } };
    },
  });
  return viewOf(admin.deps, id);
}

/**
 * A new temporary password (shown once), to be changed at the next sign-in; the old password stops working
 * and every session ends, in case whoever asked for the reset is not the only one who knew it.
 */
export async function resetStaffPassword(
  admin: StaffAdmin,
  id: number,
  reason: string,
): Promise<TemporaryPasswordAnswer> {
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const temporaryPasswordUntil = admin.deps.now() + TEMPORARY_PASSWORD_MS;
  await runStep(admin, id, {
    action: 'staff.reset_password',
    reason,
    notSelf: true,
    run: async ({ tx, target }) => {
      await updateStaff(tx, target.id, { passwordHash, mustChangePassword: true, temporaryPasswordUntil });
      return { answer: null, details: { sessionsEnded: await endSessionsOf(tx, target.id) } };
    },
  });
  return { ...(await viewOf(admin.deps, id)), temporaryPassword, temporaryPasswordUntil };
}

/** Lifts the member's sign-in locks and counters (docs/design.md, Staff sign-in limits). */
export async function unlockStaff(admin: StaffAdmin, id: number, reason: string): Promise<StaffMemberView> {
  await runStep(admin, id, {
    action: 'staff.unlock',
    reason,
    notSelf: true,
    run: async ({ tx, target, now }) => {
      const lockedUntil = await signInLockOf(tx, admin.deps.keys.piiKey, target.username, now);
      const countersCleared = await clearSignInLocks(tx, admin.deps.keys.piiKey, target.username);
      return { answer: null, details: { lockedUntil, countersCleared } };
    },
  });
  return viewOf(admin.deps, id);
}

/**
 * Removes the member's authenticator (a lost phone) and their recovery codes: they sign in with their password
 * and are led to enrol again (docs/design.md, Staff TOTP enrolment).
 * Every session ends, so a session opened with the lost device does not outlive it.
 */
export async function resetStaffMfa(admin: StaffAdmin, id: number, reason: string): Promise<StaffMemberView> {
  await runStep(admin, id, {
    action: 'staff.reset_mfa',
    reason,
    notSelf: true,
    run: async ({ tx, target, now }) => {
      if (!target.totpSecret) return AppError.conflict('No authenticator enrolled', { code: 'no_mfa' });
      await updateStaff(tx, target.id, { totpSecret: null, totpLastStep: null });
      // The old recovery codes belong to the old authenticator: the member gets new ones when they enrol again.
      await replaceRecoveryCodes(tx, target.id, [], now);
      return {
        answer: null,
        details: {
          before: { totpEnrolled: true },
          after: { totpEnrolled: false },
          sessionsEnded: await endSessionsOf(tx, target.id),
        },
      };
    },
  });
  return viewOf(admin.deps, id);
}
