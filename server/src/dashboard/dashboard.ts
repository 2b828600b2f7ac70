import { OUTLIER_RULES, outlierFlags } from '../audit/agentActivity';
import { DAY_MS } from '../audit/dailyCounts';
import { type AccountLabel, accountLabels, actionAccounts, staffNames } from '../audit/labels';
import type { AppDeps } from '../deps';
import { APPROVAL_WINDOW_MS, CONFIRMATION_WINDOW_MS } from '../emailChanges/emailChangeRules';
import { maskName } from '../policy/mask';
import type { Actor } from '../staff/actor';
import { type AccountRef, type ActionRow, type QueueRow, dashboardRepo as repo } from './dashboardRepo';

/**
 * The two dashboards (docs/design.md, Dashboards): the agent's own desk, and the supervisors' tiles, each
 * answered by one small endpoint over indexes and the per-day counters, so that opening the console stays
 * instant at millions of audit events. Names of customers leave only masked (王** / J*** N****).
 */

const LIST = 10;
/** The charts' span: today (UTC) and the 13 days before. */
export const CHART_DAYS = 14;
/** Agents whose lookups outnumber their cases: the agent-activity report's window and rules. */
export const ACTIVITY_DAYS = 7;
/** The actions chart keeps the busiest few action types and folds the rest into "other". */
export const CHART_SERIES = 6;

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const daysBack = (now: number, days: number) => {
  const to = dayOf(now);
  const from = to - days + 1;
  return { from, to, days: Array.from({ length: days }, (_, i) => from + i) };
};

const label = (r: AccountRef): AccountLabel => ({
  accountId: r.accountId,
  accountNumber: r.accountNumber,
  maskedName: maskName(r.fullName),
});

export type MyAction = ActionRow & { target: AccountLabel | null };

/** GET /dashboard/agent: my open cases oldest first, what waits on a customer, what I did last. */
export async function agentDashboard(deps: AppDeps, me: Pick<Actor, 'id'>) {
  const s = deps.db;
  const now = deps.now();
  const openCases = (await repo.myOpenCases(s, me.id, LIST)).map((c) => ({
    id: c.id,
    ...label(c),
    level: c.level,
    openedAt: c.openedAt,
    escalation: c.escalation,
    // SQLite answers 0/1, PostgreSQL a boolean.
    frozen: Boolean(c.frozen),
    accountStatus: c.accountStatus,
    lockReason: c.lockReason,
  }));
  const codes = (await repo.myCodesSent(s, me.id, now, LIST)).map((w) => ({
    kind: 'code_sent' as const,
    id: `code-${w.id}`,
    caseId: w.caseId,
    ...label(w),
    channel: w.channel ?? null,
    at: w.at,
    until: w.until ?? null,
  }));
  const changes = (await repo.myAwaitingConfirmation(s, me.id, now - CONFIRMATION_WINDOW_MS, LIST)).map(
    (w) => ({
      kind: 'email_change' as const,
      id: `email_change-${w.id}`,
      emailChangeId: w.id,
      caseId: w.caseId,
      ...label(w),
      channel: 'email',
      at: w.at,
      until: w.at + CONFIRMATION_WINDOW_MS,
    }),
  );
  const actions = await repo.myLastActions(s, me.id, now - CHART_DAYS * DAY_MS, LIST);
  const accountOf = await actionAccounts(s, actions);
  const targets = await accountLabels(s, [...accountOf.values()]);
  return {
    openCases: { total: await repo.myOpenCaseCount(s, me.id), rows: openCases },
    waiting: [...codes, ...changes].sort((a, b) => a.at - b.at),
    lastActions: actions.map(
      (a): MyAction => ({
        ...a,
        target: targets.get(accountOf.get(a.id) ?? 0) ?? null,
      }),
    ),
  };
}

/** GET /dashboard/actions: actions per UTC day by type, the busiest types apart and the rest as "other". */
export async function actionsPerDay(deps: AppDeps) {
  const { from, to, days } = daysBack(deps.now(), CHART_DAYS);
  const rows = await repo.actionsPerDay(deps.db, from, to);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.action, (totals.get(r.action) ?? 0) + r.n);
  const busiest = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([a]) => a);
  const shown = busiest.slice(0, CHART_SERIES);
  const series = new Map<string, number[]>(shown.map((a) => [a, days.map(() => 0)]));
  const other = days.map(() => 0);
  for (const r of rows) (series.get(r.action) ?? other)[r.day - from]! += r.n;
  return {
    from: from * DAY_MS,
    to: (to + 1) * DAY_MS - 1,
    days: days.map(isoDay),
    series: [
      ...[...series].map(([action, data]) => ({ action, data })),
      ...(busiest.length > shown.length ? [{ action: 'other', data: other }] : []),
    ],
    otherActions: busiest.slice(CHART_SERIES),
  };
}

/** GET /dashboard/locks: accounts locked now by reason, and unlocks by the reason they lifted (14 days). */
export async function locksAndUnlocks(deps: AppDeps) {
  const { from, to } = daysBack(deps.now(), CHART_DAYS);
  return {
    from: from * DAY_MS,
    lockedNow: (await repo.lockedNow(deps.db))
      .map((r) => ({ reason: r.reason ?? 'unknown', count: r.n }))
      .sort((a, b) => b.count - a.count),
    unlocks: (await repo.unlocksByReason(deps.db, from, to))
      .map((r) => ({ reason: r.reason || 'unknown', count: r.n }))
      .sort((a, b) => b.count - a.count),
  };
}

const queueItem = (r: QueueRow) => ({
  id: r.id,
  caseId: r.caseId,
  at: r.at,
  staffName: r.staffName,
  ...label(r),
});

/** GET /dashboard/queues: what waits for a supervisor, oldest first, with its age. */
export async function supervisorQueues(deps: AppDeps) {
  const s = deps.db;
  const pendingSince = deps.now() - APPROVAL_WINDOW_MS;
  return {
    pendingApprovals: {
      total: await repo.pendingApprovalCount(s, pendingSince),
      oldest: (await repo.pendingApprovals(s, pendingSince, 5)).map(queueItem),
    },
    frozenVerifications: {
      total: await repo.frozenCount(s),
      oldest: (await repo.frozen(s, 5)).map(queueItem),
    },
  };
}

/** GET /dashboard/lookups: who looks up far more customers than they open cases for, and refused lookups. */
export async function lookupOutliers(deps: AppDeps) {
  const { from, to, days } = daysBack(deps.now(), ACTIVITY_DAYS);
  const counts = await repo.lookupsAndCases(deps.db, from, to);
  const names = await staffNames(
    deps.db,
    counts.map((c) => c.actorId),
  );
  const agents = counts
    .map((c) => {
      const who = names.get(c.actorId);
      const activity = { lookups: c.lookups, casesOpened: c.casesOpened, denied: 0, reveals: 0 };
      return {
        id: c.actorId,
        username: who?.username ?? null,
        fullName: who?.fullName ?? null,
        lookups: c.lookups,
        casesOpened: c.casesOpened,
        flags: outlierFlags(activity),
      };
    })
    .filter((a) => a.lookups > 0)
    .sort(
      (a, b) =>
        b.flags.length - a.flags.length ||
        b.lookups / (b.casesOpened || 0.5) - a.lookups / (a.casesOpened || 0.5),
    )
    .slice(0, LIST);
  const refused = new Map((await repo.refusedLookupsPerDay(deps.db, from, to)).map((r) => [r.day, r.n]));
  return {
    from: from * DAY_MS,
    to: (to + 1) * DAY_MS - 1,
    rules: OUTLIER_RULES,
    agents,
    refusedLookups: {
      days: days.map(isoDay),
      data: days.map((d) => refused.get(d) ?? 0),
      total: [...refused.values()].reduce((a, b) => a + b, 0),
    },
  };
}

export type { AccountLabel };
export type AgentDashboard = Awaited<ReturnType<typeof agentDashboard>>;
export type ActionsPerDay = Awaited<ReturnType<typeof actionsPerDay>>;
export type LocksAndUnlocks = Awaited<ReturnType<typeof locksAndUnlocks>>;
export type SupervisorQueues = Awaited<ReturnType<typeof supervisorQueues>>;
export type LookupOutliers = Awaited<ReturnType<typeof lookupOutliers>>;
