import { z } from 'zod';
import { findAccount } from '../accounts/accountReadRepo';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { listRoute } from '../http/list';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { accountRiskSignals } from './accountRisk';

// One account's signals: there is no browsing risk across customers.
const RiskFilter = z.object({ accountId: z.coerce.number().int().positive() }).strict();

/** GET /api/risk-signals?filter={"accountId":7}: the account's takeover signals now, id = the signal's code. */
export function riskRoutes(deps: AppDeps) {
  return defineRoutes([
    listRoute({
      path: '/risk-signals',
      resource: 'risk-signals',
      access: AGENTS_AND_SUPERVISORS,
      sortable: ['code'],
      defaultSort: ['code', 'ASC'],
      filter: RiskFilter,
      list: async (_req, { filter, offset, limit }) => {
        const account = await findAccount(deps.db, filter.accountId);
        if (!account) throw AppError.notFound('Account');
        const all = (await accountRiskSignals(deps.db, account, deps.now())).map((s) => ({
          id: s.code,
          ...s,
        }));
        return { rows: all.slice(offset, offset + limit), total: all.length };
      },
    }),
  ]);
}

export type RiskSignalRecord = Awaited<ReturnType<typeof accountRiskSignals>>[number] & { id: string };
