import { type AuditContext, appendAudit } from '../audit/writer';
import { type DbOrTx, inTransaction } from '../db/client';
import type { Account } from '../db/schema';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { type AccountSort, accountsWithIds, findAccount, signInsUpTo, staffRefs } from './accountReadRepo';
import { type AccountView, explainLock, presentAccount } from './accountView';

/** The masked view with who locked it and the sign-ins behind the lock. Not audited: callers decide. */
export async function accountViewOf(db: DbOrTx, account: Account, now: number): Promise<AccountView> {
  const lockedBy =
    account.lockedBy === null
      ? null
      : ((await staffRefs(db, [account.lockedBy])).get(account.lockedBy) ?? null);
  const lockDetails =
    account.status === 'locked'
      ? explainLock(account, await signInsUpTo(db, account.id, account.lockedAt ?? now))
      : null;
  return presentAccount(account, { lockedBy, lockDetails });
}

export async function readAccountView(db: DbOrTx, id: number, now: number): Promise<AccountView | undefined> {
  const account = await findAccount(db, id);
  return account && accountViewOf(db, account, now);
}

/** Opening an account is a PII view: the audit row and the read share one transaction. */
export function viewAccount(deps: AppDeps, ctx: AuditContext, id: number): Promise<AccountView> {
  return inTransaction(deps.db, async (tx) => {
    const view = await readAccountView(tx, id, deps.now());
    if (!view) throw AppError.notFound('Account');
    await appendAudit(tx, ctx, {
      action: 'account.view',
      outcome: 'success',
      targetType: 'account',
      targetId: id,
    });
    return view;
  });
}

/**
 * getMany for reference fields: at most 25 masked records (http/list.ts MAX_GET_MANY) without lock history,
 * one audit row per account read, so a trail filtered by account shows every time it was seen.
 */
export function viewAccountsByIds(
  deps: AppDeps,
  ctx: AuditContext,
  q: { ids: number[]; sort: AccountSort; order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: AccountView[]; total: number }> {
  return inTransaction(deps.db, async (tx) => {
    const { rows, total } = await accountsWithIds(tx, q);
    const lockers = await staffRefs(tx, [
      ...new Set(rows.flatMap((a) => (a.lockedBy === null ? [] : [a.lockedBy]))),
    ]);
    const views = rows.map((a) =>
      presentAccount(a, { lockedBy: a.lockedBy === null ? null : (lockers.get(a.lockedBy) ?? null) }),
    );
    for (const view of views) {
      await appendAudit(tx, ctx, {
        action: 'account.view',
        outcome: 'success',
        targetType: 'account',
        targetId: view.id,
        details: { list: true },
      });
    }
    return { rows: views, total };
  });
}
