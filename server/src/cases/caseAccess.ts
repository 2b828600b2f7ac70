import type { DbOrTx } from '../db/client';
import type { Case } from '../db/schema';
import { AppError } from '../http/errors';
import {
  type CaseAction,
  type CaseDecision,
  type CaseRulesInput,
  decideCase,
  refusalStatus,
} from '../policy/caseRules';
import type { Actor } from '../staff/actor';
import { findCase } from './caseRepo';
import { wasOwner } from './handoffRepo';

/** Enough of the actor to decide what they may see. */
type Viewer = Pick<Actor, 'id' | 'role'>;

/** Who acts on the case now; rows written before ownership existed belong to their opener. */
export const ownerOf = (kase: Pick<Case, 'ownerId' | 'openedBy'>): number => kase.ownerId ?? kase.openedBy;

/** The case rules' input for this actor and case, with the hand-off history read from the database. */
export async function caseRulesInput(db: DbOrTx, actor: Viewer, kase: Case): Promise<CaseRulesInput> {
  const ownerId = ownerOf(kase);
  return {
    actor,
    case: { status: kase.status, ownerId, escalation: kase.escalation, escalatedBy: kase.escalatedBy },
    pastOwner: ownerId !== actor.id && (await wasOwner(db, kase, actor.id)),
  };
}

/** A refused case rule as the error to answer: an unseen case does not exist, a lost race is 409. */
export function caseRefusal(decision: Extract<CaseDecision, { allowed: false }>): AppError {
  const status = refusalStatus(decision.missing);
  if (status === 404) return AppError.notFound('Case');
  if (status === 409) return AppError.conflict(decision.message, { missing: decision.missing });
  return AppError.forbidden('policy_refused', decision.message, decision.missing);
}

/**
 * The case if the actor may do this with it, else the error: someone else's case answers 404 so its
 * existence does not leak; an earlier owner reads it but is refused (403) anything else.
 */
export async function caseFor(
  db: DbOrTx,
  actor: Viewer,
  id: number,
  action: CaseAction,
): Promise<Case | AppError> {
  const kase = await findCase(db, id);
  if (!kase) return AppError.notFound('Case');
  const decision = decideCase(action, await caseRulesInput(db, actor, kase));
  return decision.allowed ? kase : caseRefusal(decision);
}

/** A case the actor may read, or 404. */
export async function visibleCase(db: DbOrTx, actor: Viewer, id: number): Promise<Case> {
  const kase = await caseFor(db, actor, id, 'read');
  if (kase instanceof AppError) throw kase;
  return kase;
}

export const FROZEN_MESSAGE = 'Verification is frozen: a supervisor must review this case';

export function caseClosed(): AppError {
  return AppError.conflict('The case is closed');
}

/**
 * Checks, codes and the checklist change the case: only its owner may (an earlier owner, or a
 * supervisor who has not taken it, reads). null when the actor owns it.
 */
export function notOwnerRefusal(kase: Case, actor: Viewer): AppError | null {
  if (ownerOf(kase) === actor.id) return null;
  return caseRefusal({
    allowed: false,
    missing: ['case:owner'],
    message: 'Not allowed: only the case’s current owner acts on it (take or transfer it first)',
  });
}
