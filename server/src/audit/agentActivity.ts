import { and, count, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditEvents } from '../db/tables';

export type AgentActivity = {
  id: number;
  username: string | null;
  role: string | null;
  lookups: number;
  /** Lookups refused by the per-staff limit (docs/design.md, Lookup limits): the first of each window and every 100th. */
  throttled: number;
  views: number;
  casesOpened: number;
  reveals: number;
  denied: number;
  flags: string[];
};

/** Thresholds of "worth a supervisor's look"; pure so the rule is tested on its own. */
export const OUTLIER_RULES = { minLookups: 10, lookupsPerCase: 10, minDenied: 5, minReveals: 10 } as const;

/**
 * A curious agent browses customers without a reason to: many lookups and account views with
 * few or no cases, refused attempts, or many reveals. These are hints for a human, not verdicts.
 */
export function outlierFlags(
  a: Pick<AgentActivity, 'lookups' | 'casesOpened' | 'denied' | 'reveals'> & { throttled?: number },
): string[] {
  const flags: string[] = [];
  if (a.lookups >= OUTLIER_RULES.minLookups && a.casesOpened === 0) flags.push('lookups_without_cases');
  else if (a.casesOpened > 0 && a.lookups / a.casesOpened >= OUTLIER_RULES.lookupsPerCase)
    flags.push('many_lookups_per_case');
  if (a.denied >= OUTLIER_RULES.minDenied) flags.push('many_denied');
  if (a.reveals >= OUTLIER_RULES.minReveals) flags.push('many_reveals');
  if ((a.throttled ?? 0) > 0) flags.push('lookups_throttled');
  return flags;
}

const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** Per staff member, what they did in [from, to]; outliers first, then by lookups. */
export async function agentActivity(
  db: DbOrTx,
  window: { from: number; to: number },
): Promise<AgentActivity[]> {
  const rows = await db
    .select({
      id: auditEvents.actorId,
      username: sql<string | null>`max(${auditEvents.actorUsername})`,
      role: sql<string | null>`max(${auditEvents.actorRole})`,
      lookups: countWhere(
        sql`${auditEvents.action} = 'account.lookup' and ${auditEvents.outcome} = 'success'`,
      ),
      throttled: countWhere(
        sql`${auditEvents.action} = 'account.lookup' and ${auditEvents.outcome} = 'denied'`,
      ),
      views: countWhere(sql`${auditEvents.action} = 'account.view'`),
      casesOpened: countWhere(
        sql`${auditEvents.action} = 'case.open' and ${auditEvents.outcome} = 'success'`,
      ),
      reveals: countWhere(
        sql`${auditEvents.action} = 'account.reveal' and ${auditEvents.outcome} = 'success'`,
      ),
      denied: countWhere(sql`${auditEvents.outcome} = 'denied'`),
      events: count(),
    })
    .from(auditEvents)
    .where(
      and(gte(auditEvents.at, window.from), lte(auditEvents.at, window.to), isNotNull(auditEvents.actorId)),
    )
    .groupBy(auditEvents.actorId);
  return rows
    .map(({ events: _events, ...r }) => {
      const activity = {
        ...r,
        id: r.id!,
        lookups: Number(r.lookups),
        throttled: Number(r.throttled),
        views: Number(r.views),
        casesOpened: Number(r.casesOpened),
        reveals: Number(r.reveals),
        denied: Number(r.denied),
      };
      return { ...activity, flags: outlierFlags(activity) };
    })
    .sort((a, b) => b.flags.length - a.flags.length || b.lookups - a.lookups);
}
