import { TROUBLESHOOTING_STEPS, type Troubleshooting } from '../../../shared/domain';
import type { CasePolicyInput } from '../accounts/commandFrame';
import type { Case, VerificationCheck } from '../db/schema';
import { decideAll } from '../policy/actionPolicy';
import type { decideAllCase } from '../policy/caseRules';
import type { HandoffRow } from './handoffRepo';
import type { NoteRow } from './noteRepo';

export { TROUBLESHOOTING_STEPS, type Troubleshooting } from '../../../shared/domain';

/** The stored JSON, read defensively: an unknown or missing step is simply not ticked. */
export function readTroubleshooting(json: string): Troubleshooting {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(json) as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const out = {} as Troubleshooting;
  for (const step of TROUBLESHOOTING_STEPS) out[step] = stored?.[step] === true;
  return out;
}

/** The case's own columns; every route answers them inside presentCase's whole shape. */
export function presentCaseSummary(kase: Case) {
  return {
    id: kase.id,
    accountId: kase.accountId,
    level: kase.level,
    status: kase.status,
    channel: kase.channel,
    subject: kase.subject,
    openedBy: kase.openedBy,
    openedAt: kase.openedAt,
    closedAt: kase.closedAt,
    resolution: kase.resolution,
    mismatchCount: kase.mismatchCount,
    verificationFrozen: kase.verificationFrozen,
    updatedAt: kase.updatedAt,
    ownerId: kase.ownerId ?? kase.openedBy,
    escalation: kase.escalation,
    escalatedBy: kase.escalatedBy,
    escalatedAt: kase.escalatedAt,
    escalationReason: kase.escalationReason,
    takenAt: kase.takenAt,
  };
}

/** A check as every reader gets it: which factor, whether it matched, typed or carried from the lookup, when. */
export function presentCheck(c: VerificationCheck) {
  return { factor: c.factor, matched: c.matched, source: c.source, at: c.at };
}

/** A note as every reader gets it: who wrote it and when; never edited, so no updatedAt. */
export function presentNote(n: NoteRow) {
  return {
    id: n.id,
    caseId: n.caseId,
    accountId: n.accountId,
    author: { id: n.authorId, username: n.authorUsername, fullName: n.authorName },
    text: n.text,
    createdAt: n.createdAt,
  };
}
export type NoteView = ReturnType<typeof presentNote>;

/** The case's notes, hand-offs and the case rules' answers for this actor (escalate, take, ...). */
export type CaseHandling = {
  notes: NoteRow[];
  handoffs: HandoffRow[];
  caseActions: ReturnType<typeof decideAllCase>;
};

/**
 * The full case: which factors matched (never the values) and, for every action of the policy,
 * whether this actor may do it now and what is missing: the console's buttons mirror this.
 */
export function presentCase(kase: Case, policy: CasePolicyInput, handling: CaseHandling) {
  return {
    ...presentCaseSummary(kase),
    checks: policy.checks.map(presentCheck),
    troubleshooting: readTroubleshooting(kase.troubleshooting),
    actions: decideAll(policy),
    // The signals the actions above were decided with (the account page shows them in words).
    riskSignals: policy.signals,
    notes: handling.notes.map(presentNote),
    handoffs: handling.handoffs.map((h) => ({
      kind: h.kind,
      from: { id: h.fromStaff, username: h.fromUsername },
      to: h.toStaff === null ? null : { id: h.toStaff, username: h.toUsername },
      reason: h.reason,
      at: h.at,
    })),
    caseActions: handling.caseActions,
  };
}

export type CaseView = ReturnType<typeof presentCase>;
