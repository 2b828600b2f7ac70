import { type AuditContext, type AuditEntry, appendAudit } from '../audit/writer';
import type { DbOrTx } from '../db/client';
import type { EmailChange, EmailChangeStatus } from '../db/schema';
import { AppError } from '../http/errors';
import { maskEmail } from '../policy/mask';

/**
 * The rules of a registered-email change (docs/design.md, Email changes): how long each step may
 * wait, who may decide, and the only shape of a change that ever leaves the server. All pure but
 * refuseUnlessSecondPerson, which also writes the refusal's audit row (every four-eyes request
 * kind refuses the same way: email changes and two-factor resets).
 */

/** A supervisor has a week to decide; after that the caller must be verified again. */
export const APPROVAL_WINDOW_MS = 7 * 24 * 3_600_000;
/** The confirmation link to the new address lives one day. */
export const CONFIRMATION_WINDOW_MS = 24 * 3_600_000;
/** The old address may undo a completed change for 72 h. */
export const REVERT_WINDOW_MS = 72 * 3_600_000;

export const OPEN_STATUSES: readonly EmailChangeStatus[] = ['pending_approval', 'awaiting_confirmation'];

export const SECOND_PERSON = 'approver:other_than_requester';

type Timed = Pick<EmailChange, 'status' | 'createdAt' | 'decidedAt'>;

/** Whether an open change has outlived the window of the step it waits in. */
export function isOverdue(change: Timed, now: number): boolean {
  if (change.status === 'pending_approval') return now - change.createdAt >= APPROVAL_WINDOW_MS;
  if (change.status === 'awaiting_confirmation') {
    return now - (change.decidedAt ?? change.createdAt) >= CONFIRMATION_WINDOW_MS;
  }
  return false;
}

/** Two-person rule: whoever filed the change (agent or supervisor) never decides it. */
export function mayDecide(change: Pick<EmailChange, 'requestedBy'>, deciderId: number): boolean {
  return change.requestedBy !== deciderId;
}

/**
 * The two-person rule as a decision route applies it, inside the decision's transaction: when the decider filed
 * the request, the attempt is audited as denied (missing the second person) and the 403 to answer with is
 * returned — commitThenRefuse commits the audit row and throws it. Undefined when someone else decides.
 */
export async function refuseUnlessSecondPerson(
  tx: DbOrTx,
  ctx: AuditContext,
  base: Omit<AuditEntry, 'outcome'>,
  request: Pick<EmailChange, 'requestedBy'>,
  what: 'change' | 'reset',
): Promise<AppError | undefined> {
  if (ctx.actor && mayDecide(request, ctx.actor.id)) return undefined;
  await appendAudit(tx, ctx, { ...base, outcome: 'denied', details: { missing: [SECOND_PERSON] } });
  return AppError.forbidden(
    'policy_refused',
    `Not allowed: a supervisor other than the requester must decide this ${what}`,
    [SECOND_PERSON],
  );
}

export type MaskedEmailChange = Omit<EmailChange, 'oldEmail' | 'newEmail'> & {
  oldEmailMasked: string;
  newEmailMasked: string;
  /**
   * Until when the step the change waits in stays open: the supervisor's decision, the new address's
   * confirmation, or the old address's undo; null once nothing more can happen.
   */
  nextStepBy: number | null;
};

/** When the current step runs out (the windows above), so every screen says "what is next, by when". */
export function nextStepBy(change: Pick<EmailChange, 'status' | 'createdAt' | 'decidedAt' | 'revertUntil'>) {
  if (change.status === 'pending_approval') return change.createdAt + APPROVAL_WINDOW_MS;
  if (change.status === 'awaiting_confirmation') {
    return (change.decidedAt ?? change.createdAt) + CONFIRMATION_WINDOW_MS;
  }
  if (change.status === 'completed') return change.revertUntil;
  return null;
}

/** Addresses masked, always: the console and the audit trail never need the full ones. */
export function presentEmailChange(change: EmailChange): MaskedEmailChange {
  const { oldEmail, newEmail, ...rest } = change;
  return {
    ...rest,
    oldEmailMasked: maskEmail(oldEmail),
    newEmailMasked: maskEmail(newEmail),
    nextStepBy: nextStepBy(change),
  };
}
