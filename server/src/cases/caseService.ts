import type { AuditAction } from '../../../shared/domain';
import { findAccount } from '../accounts/accountReadRepo';
import { policyInputOf } from '../accounts/commandFrame';
import { appendAudit } from '../audit/writer';
import { inTransaction, type Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Case, CaseChannel, VerificationFactor } from '../db/schema';
import { AppError } from '../http/errors';
import type { LookupBody } from '../lookup/lookupQuery';
import { recentVariations } from '../lookup/lookupVariation';
import { decideAllCase } from '../policy/caseRules';
import type { Caller } from '../staff/actor';
import { accountMismatches, activeFreeze, freezesAccount, reviewFreeze } from './accountFreeze';
import { caseClosed, caseRulesInput, notOwnerRefusal, visibleCase } from './caseAccess';
import { type CaseListQuery, findOpenCaseOf, insertCase, listCases, updateCase } from './caseRepo';
import { type CaseView, presentCase, type Troubleshooting } from './caseView';
import { recordCheck } from './checks';
import { handoffsOf } from './handoffRepo';
import { notesOf } from './noteRepo';

/** What the caller already said in the lookup; the account number is public, so it proves nothing. */
const CARRIED_FACTORS: Array<[keyof LookupBody, VerificationFactor]> = [
  ['fullName', 'full_name'],
  ['dateOfBirth', 'date_of_birth'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['nationalIdLast4', 'national_id_last4'],
];

/** The full case as this actor sees it: checks, notes, hand-offs and what they may do now. */
export async function caseView({ deps, actor }: Caller, kase: Case): Promise<CaseView> {
  const db = deps.db;
  const account = (await findAccount(db, kase.accountId))!;
  const handling = {
    notes: await notesOf(db, kase.id),
    handoffs: await handoffsOf(db, kase.id),
    caseActions: decideAllCase(await caseRulesInput(db, actor, kase)),
  };
  const now = deps.now();
  // "Mismatches: n of 3" counts the customer's, not the case's (accountFreeze.ts).
  const shown =
    kase.status === 'open'
      ? { ...kase, mismatchCount: await accountMismatches(db, kase.accountId, now) }
      : kase;
  const policy = await policyInputOf(db, actor, account, shown, now);
  return presentCase(shown, policy, handling);
}
const view = caseView;

/**
 * Opens a case, or answers the one this staff member already has open on the account (created:
 * false): a double click, a second tab or a retry must not split one call into two cases, nor
 * count the caller's details twice. Read and insert share one write transaction, so two racing
 * requests cannot both insert.
 */
export async function openCase(
  c: Caller,
  input: { accountId: number; channel: CaseChannel; subject?: string; callerDetails?: LookupBody },
): Promise<{ case: CaseView; created: boolean }> {
  const { deps, ctx, actor } = c;
  const now = deps.now();
  const { kase, created } = await inTransaction(deps.db, async (tx) => {
    const account = await findAccount(tx, input.accountId);
    if (!account) throw AppError.notFound('Account');
    const open = await findOpenCaseOf(tx, account.id, actor.id);
    if (open) return { kase: open, created: false };
    let kase = await insertCase(tx, {
      accountId: account.id,
      openedBy: actor.id,
      channel: input.channel,
      subject: input.subject?.trim() || null,
      at: now,
    });
    // Lookups that varied a detail of this account count as its mismatches (accountFreeze.ts counts them with the
    // checks of every case), and whatever the "caller said" in a lookup after that may have been found by guessing:
    // it counts toward no level. A frozen customer stays frozen in a new case: no guessing by opening another one.
    const variations = await recentVariations(tx, account.id, now);
    const mismatches = await accountMismatches(tx, account.id, now);
    const frozen = Boolean(await activeFreeze(tx, account.id)) || freezesAccount(mismatches);
    if (mismatches > 0 || frozen) {
      kase = await updateCase(tx, kase.id, {
        mismatchCount: mismatches,
        verificationFrozen: frozen,
        updatedAt: now,
      });
    }
    const given = CARRIED_FACTORS.filter(([field]) => input.callerDetails?.[field]?.trim());
    const carried = variations > 0 ? [] : given;
    await appendAudit(tx, ctx, {
      action: 'case.open',
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
      caseId: kase.id,
      details: {
        channel: input.channel,
        carriedFactors: carried.map(([, factor]) => factor),
        ...(variations > 0
          ? { withheldFactors: given.map(([, factor]) => factor), lookupVariations: variations }
          : {}),
      },
    });
    for (const [field, factor] of carried) {
      if (kase.verificationFrozen) break;
      const value = input.callerDetails![field]!.trim();
      const input2 = { kase, account, factor, value, source: 'lookup' as const, staffId: actor.id, now };
      const recorded = await recordCheck(tx, ctx, { ...input2, otpKey: deps.keys.piiKey });
      // Carried details are identifying factors, never a code: nothing here can be "already used".
      if (recorded instanceof AppError) throw recorded;
      kase = recorded.kase;
    }
    return { kase, created: true };
  });
  return { case: await view(c, kase), created };
}

export async function showCase(c: Caller, id: number): Promise<CaseView> {
  return view(c, await visibleCase(c.deps.db, c.actor, id));
}

/** "My cases" (owned now) and "escalated by me", resolved on the server from who is asking. */
export type CaseScope = 'mine' | 'escalated_by_me';

export async function findCases(
  { deps, actor, ctx }: Caller,
  q: Omit<CaseListQuery, 'onlyVisibleTo'> & { scope?: CaseScope },
) {
  const { scope, ...query } = q;
  const onlyVisibleTo = actor.role === 'supervisor' ? undefined : actor.id;
  if (scope === 'mine') query.ownerId = [actor.id];
  if (scope === 'escalated_by_me') query.escalatedBy = [actor.id];
  const { rows, total } = await listCases(deps.db, { ...query, onlyVisibleTo });
  // The same shape as GET /cases/:id: react-admin seeds each record's cache from the list, so a list
  // row lacking checks or actions would reach the case panel (docs/design.md "One case shape").
  const views: CaseView[] = [];
  for (const kase of rows) views.push(await caseView({ deps, actor, ctx }, kase));
  return { rows: views, total };
}

type CaseChange = {
  action: AuditAction;
  reason?: string;
  details?: (kase: Case) => Record<string, unknown>;
  /** Returns the patch, or an error to refuse with (after auditing the refusal). */
  change: (kase: Case, tx: Tx) => Promise<Parameters<typeof updateCase>[2] | AppError>;
};

async function changeCase(caller: Caller, id: number, c: CaseChange) {
  const { deps, ctx, actor } = caller;
  const now = deps.now();
  const kase = await commitThenRefuse(deps.db, async (tx) => {
    const kase = await visibleCase(tx, actor, id);
    const patch = await c.change(kase, tx);
    const audit = { action: c.action, targetType: 'case', targetId: id, caseId: id, reason: c.reason };
    if (patch instanceof AppError) {
      await appendAudit(tx, ctx, {
        ...audit,
        outcome: 'denied',
        details: { ...c.details?.(kase), why: patch.message },
      });
      return patch;
    }
    await appendAudit(tx, ctx, { ...audit, outcome: 'success', details: c.details?.(kase) });
    return updateCase(tx, id, { ...patch, updatedAt: now });
  });
  return view(caller, kase);
}

export function saveTroubleshooting(c: Caller, id: number, steps: Troubleshooting) {
  return changeCase(c, id, {
    action: 'case.troubleshooting',
    details: () => ({ ...steps }),
    change: async (kase) =>
      kase.status !== 'open'
        ? caseClosed()
        : (notOwnerRefusal(kase, c.actor) ?? { troubleshooting: JSON.stringify(steps) }),
  });
}

/**
 * A supervisor reviewed the frozen customer and lets verification continue, in this case and every
 * other open one on the account; the checks already done stay. Not the staff member whose check froze
 * it (docs/design.md, Limits per customer).
 */
export function unfreezeCase(c: Caller, id: number, reason: string) {
  return changeCase(c, id, {
    action: 'case.unfreeze',
    reason,
    details: (kase) => ({ mismatchCountBefore: kase.mismatchCount }),
    change: async (kase, tx) => {
      if (kase.status !== 'open') return caseClosed();
      const freeze = await activeFreeze(tx, kase.accountId);
      if (!kase.verificationFrozen && !freeze)
        return AppError.conflict('Verification of this case is not frozen');
      if (freeze?.frozenBy === c.actor.id) {
        return AppError.forbidden(
          'policy_refused',
          'Not allowed: a supervisor other than the one whose check froze verification reviews it',
          ['reviewer:other_than_freezer'],
        );
      }
      if (freeze) await reviewFreeze(tx, freeze, { reviewedBy: c.actor.id, reason, now: c.deps.now() });
      return { verificationFrozen: false, mismatchCount: 0 };
    },
  });
}
