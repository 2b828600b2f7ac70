import type { AuditAction } from '../../../shared/domain';
import { type AuditEntry, appendAudit } from '../audit/writer';
import { checksOf, findCase } from '../cases/caseRepo';
import type { DbOrTx, Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Account, Case, VerificationCheck } from '../db/schema';
import { AppError } from '../http/errors';
import { decide, type PolicyAction, type PolicyInput } from '../policy/actionPolicy';
import { accountRiskSignals, riskCodes } from '../risk/accountRisk';
import type { Actor, Caller } from '../staff/actor';
import { findAccount } from './accountReadRepo';

/**
 * The frame every account command runs in: one transaction that loads the account and the case,
 * checks the version the agent saw, asks the action policy, then lets the command change things and
 * write its audit row. A refusal is audited (outcome 'denied') and committed before the 403/409.
 */

export type CommandInput = { caseId: number; reason: string; version?: number };

export type CommandScope = {
  tx: Tx;
  account: Account;
  kase: Case;
  actor: Actor;
  now: number;
  /** Appends the command's success row (action, target, case and reason filled in). */
  audit: (details: Record<string, unknown>) => Promise<void>;
};

export type CommandSpec<R> = {
  policy: PolicyAction;
  auditAction: AuditAction;
  run: (scope: CommandScope) => Promise<R>;
};

export function staleVersion(currentVersion: number): AppError {
  return AppError.conflict('The account changed since you loaded it: reload and try again', {
    currentVersion,
  });
}

/** The policy's input with the case's stored check rows (the case view shows them too). */
export type CasePolicyInput = Omit<PolicyInput, 'checks'> & { checks: VerificationCheck[] };

/** What the policy decides on, read in the command's own transaction: the case's checks and the account's signals. */
export async function policyInputOf(
  db: DbOrTx,
  actor: Actor,
  account: Account,
  kase: Case | null,
  now: number,
): Promise<CasePolicyInput> {
  return {
    actor,
    account,
    case: kase,
    checks: kase ? await checksOf(db, kase.id) : [],
    signals: riskCodes(await accountRiskSignals(db, account, now)),
  };
}

export function runCommand<R>(
  { deps, ctx, actor }: Caller,
  accountId: number,
  input: CommandInput,
  spec: CommandSpec<R>,
): Promise<R> {
  const now = deps.now();
  return commitThenRefuse(deps.db, async (tx): Promise<R | AppError> => {
    const account = await findAccount(tx, accountId);
    if (!account) throw AppError.notFound('Account');
    const kase = (await findCase(tx, input.caseId)) ?? null;
    const base: Omit<AuditEntry, 'outcome'> = {
      action: spec.auditAction,
      targetType: 'account',
      targetId: accountId,
      caseId: kase?.id ?? null,
      reason: input.reason,
    };
    // The version first (docs/design.md, Commands): the losers of a race on one account are told
    // "someone changed it" (409), never a refusal computed from the winner's new state (403 account:locked).
    if (input.version !== undefined && input.version !== account.version) {
      const details = { why: 'stale_version', version: input.version, currentVersion: account.version };
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details });
      return staleVersion(account.version);
    }
    const decision = decide(spec.policy, await policyInputOf(tx, actor, account, kase, now));
    if (!decision.allowed) {
      const details = { missing: decision.missing, requestedCaseId: input.caseId };
      await appendAudit(tx, ctx, { ...base, outcome: 'denied', details });
      return AppError.forbidden('policy_refused', decision.message, decision.missing);
    }
    const audit = async (details: Record<string, unknown>) => {
      await appendAudit(tx, ctx, { ...base, outcome: 'success', details });
    };
    return spec.run({ tx, account, kase: kase!, actor, now, audit });
  });
}
