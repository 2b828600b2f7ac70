import type { DbOrTx } from '../db/client';
import { findStaffById } from '../staff/staffRepo';
import { checksOf, findCase } from './caseRepo';
import { presentCheck } from './caseView';

/**
 * What a supervisor weighs before approving a four-eyes request (email change, two-factor reset;
 * docs/design.md, Email changes): the case it was filed in (level, channel), each verification check
 * with its outcome and time (never the value), and who filed it. The same shape for every kind of
 * request and for every route that answers one, list rows included.
 */
export async function approvalEvidence(db: DbOrTx, request: { caseId: number; requestedBy: number }) {
  const kase = await findCase(db, request.caseId);
  const requester = await findStaffById(db, request.requestedBy);
  return {
    case: kase
      ? {
          id: kase.id,
          level: kase.level,
          channel: kase.channel,
          status: kase.status,
          openedAt: kase.openedAt,
        }
      : null,
    checks: kase ? (await checksOf(db, kase.id)).map(presentCheck) : [],
    requester: requester
      ? { id: requester.id, username: requester.username, fullName: requester.fullName, role: requester.role }
      : null,
  };
}

export type ApprovalEvidence = Awaited<ReturnType<typeof approvalEvidence>>;
