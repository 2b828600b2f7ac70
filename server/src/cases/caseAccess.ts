import type { DbOrTx } from '../db/client';
import type { Case } from '../db/schema';
import { AppError } from '../http/errors';
import { findCase } from './caseRepo';

export type CaseActor = { id: number; role: 'agent' | 'supervisor' };

/** An agent sees only the cases they opened; someone else's case answers 404 so its existence does not leak. */
export function visibleCase(db: DbOrTx, actor: CaseActor, id: number): Case {
  const kase = findCase(db, id);
  if (!kase || (actor.role !== 'supervisor' && kase.openedBy !== actor.id)) throw AppError.notFound('Case');
  return kase;
}

export const FROZEN_MESSAGE = 'Verification is frozen: a supervisor must review this case';

export function caseClosed(): AppError {
  return AppError.conflict('The case is closed');
}
