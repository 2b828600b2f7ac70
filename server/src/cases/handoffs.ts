import type { AuditAction } from '../../../shared/domain';
import { appendAudit } from '../audit/writer';
import type { Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Case } from '../db/schema';
import { AppError } from '../http/errors';
import type { CaseAction } from '../policy/caseRules';
import { transferTargetProblem } from '../policy/caseRules';
import type { Caller } from '../staff/actor';
import { findStaffById } from '../staff/staffRepo';
import { caseFor, ownerOf } from './caseAccess';
import { updateCase } from './caseRepo';
import { caseView } from './caseService';
import { claimEscalated, insertHandoff } from './handoffRepo';
import { insertNote } from './noteRepo';

/**
 * Escalate, take, return, transfer (docs/design.md, Case ownership and escalation). Each is one
 * transaction: the case rules, the change of owner, the hand-off row and the audit row; a refusal
 * is audited and committed before its 403/409.
 */

type Scope = { tx: Tx; kase: Case; now: number };
type Step = {
  action: CaseAction;
  auditAction: AuditAction;
  reason?: string;
  /** The changed case and what the audit row should say, or an error to refuse with. */
  run: (scope: Scope) => Promise<{ kase: Case; details: Record<string, unknown> } | AppError>;
};

async function handOff(c: Caller, id: number, step: Step) {
  const { deps, ctx, actor } = c;
  const now = deps.now();
  const kase = await commitThenRefuse(deps.db, async (tx): Promise<Case | AppError> => {
    const audit = {
      action: step.auditAction,
      targetType: 'case',
      targetId: id,
      caseId: id,
      reason: step.reason ?? null,
    };
    const found = await caseFor(tx, actor, id, step.action);
    const result = found instanceof AppError ? found : await step.run({ tx, kase: found, now });
    if (result instanceof AppError) {
      const missing = result.extra.missing ?? [];
      await appendAudit(tx, ctx, { ...audit, outcome: 'denied', details: { missing, why: result.message } });
      return result;
    }
    await appendAudit(tx, ctx, { ...audit, outcome: 'success', details: result.details });
    return result.kase;
  });
  return caseView(c, kase);
}

/** Into the supervisors' queue, with the reason; the agent keeps the case (and the caller) until it is taken. */
export function escalateCase(c: Caller, id: number, reason: string) {
  const { actor } = c;
  return handOff(c, id, {
    action: 'escalate',
    auditAction: 'case.escalate',
    reason,
    run: async ({ tx, kase, now }) => {
      await insertHandoff(tx, {
        caseId: id,
        kind: 'escalate',
        fromStaff: actor.id,
        toStaff: null,
        reason,
        at: now,
      });
      const patch = {
        escalation: 'waiting' as const,
        escalatedBy: actor.id,
        escalatedAt: now,
        escalationReason: reason,
        takenAt: null,
        updatedAt: now,
      };
      return { kase: await updateCase(tx, id, patch), details: { level: kase.level } };
    },
  });
}

/**
 * A supervisor takes the case from the queue and becomes its owner; the level reached in it stays,
 * since the caller on the line is the one who was verified. Of several takers one wins: the rest
 * find it taken (409).
 */
export function takeCase(c: Caller, id: number) {
  const { actor } = c;
  return handOff(c, id, {
    action: 'take',
    auditAction: 'case.take',
    run: async ({ tx, kase, now }) => {
      const from = ownerOf(kase);
      const taken = await claimEscalated(tx, id, actor.id, now);
      if (!taken)
        return AppError.conflict('Someone else took this case first', { missing: ['escalation:waiting'] });
      await insertHandoff(tx, {
        caseId: id,
        kind: 'take',
        fromStaff: from,
        toStaff: actor.id,
        reason: null,
        at: now,
      });
      return {
        kase: taken,
        details: { from, level: taken.level, waitedMs: now - (kase.escalatedAt ?? now) },
      };
    },
  });
}

/** Back to the agent who escalated it, with a note saying what was done; the supervisor keeps read access. */
export function returnCase(c: Caller, id: number, note: string) {
  const { actor } = c;
  return handOff(c, id, {
    action: 'return',
    auditAction: 'case.return',
    run: async ({ tx, kase, now }) => {
      const to = await findStaffById(tx, kase.escalatedBy!);
      if (!to || to.disabled) {
        return AppError.conflict('The agent who escalated this case is disabled: transfer it instead', {
          missing: ['target:active'],
        });
      }
      const written = await insertNote(tx, {
        caseId: id,
        accountId: kase.accountId,
        authorId: actor.id,
        text: note,
        at: now,
      });
      await insertHandoff(tx, {
        caseId: id,
        kind: 'return',
        fromStaff: actor.id,
        toStaff: to.id,
        reason: null,
        at: now,
      });
      const patch = { ownerId: to.id, escalation: null, takenAt: null, updatedAt: now };
      // The note's text stays out of the trail, like every note: its length says one was written.
      return {
        kase: await updateCase(tx, id, patch),
        details: { to: to.id, noteId: written.id, noteLength: note.length },
      };
    },
  });
}

/**
 * To another staff member (shift change, a specialist): the owner changes, the hand-off row keeps
 * both. A taken case handed to another supervisor stays taken (they may return it to the agent).
 */
export function transferCase(c: Caller, id: number, input: { staffId: number; reason: string }) {
  const { actor } = c;
  return handOff(c, id, {
    action: 'transfer',
    auditAction: 'case.transfer',
    reason: input.reason,
    run: async ({ tx, kase, now }) => {
      const target = await findStaffById(tx, input.staffId);
      const problem = transferTargetProblem(actor, { ownerId: ownerOf(kase) }, target);
      if (problem || !target) return AppError.field('staffId', problem ?? 'no such staff member');
      const from = ownerOf(kase);
      const kind = 'transfer' as const;
      await insertHandoff(tx, {
        caseId: id,
        kind,
        fromStaff: from,
        toStaff: target.id,
        reason: input.reason,
        at: now,
      });
      const stillTaken = kase.escalation === 'taken' && target.role === 'supervisor';
      const patch = {
        ownerId: target.id,
        escalation: stillTaken ? ('taken' as const) : null,
        updatedAt: now,
      };
      return { kase: await updateCase(tx, id, patch), details: { from, to: target.id } };
    },
  });
}
