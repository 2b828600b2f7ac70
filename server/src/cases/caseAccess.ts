import type { DbOrTx } from '../db/client';
import type { Case } from '../db/schema';
import { AppError } from '../http/errors';
import type { Actor } from '../staff/actor';
import { findCase } from './caseRepo';

/** Enough of the actor to decide what they may see. */
type Viewer = Pick<Actor, 'id' | 'role'>;

/** An agent sees only the cases they opened; someone else's case answers 404 so its existence does not leak. */
export function visibleCase(db: DbOrTx, actor: Viewer, id: number): Case {
  const kase = findCase(db, id);
  if (!kase || (actor.role !== 'supervisor' && kase.openedBy !== actor.id)) throw AppError.notFound('Case');
  return kase;
}

export const FROZEN_MESSAGE = 'Verification is frozen: a supervisor must review this case';

export function caseClosed(): AppError {
  return AppError.conflict('The case is closed');
}
