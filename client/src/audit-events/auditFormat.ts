import { AUDIT_ACTIONS } from '../../../shared/domain';

/** Every action the server audits (shared/domain.ts): the Action filter offers each one. */
export const KNOWN_ACTIONS = AUDIT_ACTIONS;

export const TARGET_TYPES = ['account', 'case', 'staff'] as const;

/** The filter keys the server accepts (ids, action names, times): nothing a customer told us. */
const EXPORTABLE_FILTER_KEYS = [
  'actorId',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'caseId',
  'from',
  'to',
] as const;

export function exportFilter(filterValues: Record<string, unknown>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const key of EXPORTABLE_FILTER_KEYS) {
    const value = filterValues[key];
    if (value !== undefined && value !== null && value !== '') filter[key] = value;
  }
  return filter;
}

/** Hands the exported CSV to the browser as a download named after the moment of the export. */
export function saveCsvFile(csv: Blob, now = new Date()): void {
  const url = URL.createObjectURL(csv);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-events-${now.toISOString().slice(0, 19).replace(/:/g, '')}Z.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Revoked on the next tick: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** details is stored as a JSON string; shown pretty-printed, or as it is when it is not JSON. */
export function prettyDetails(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

export type DiffRow = { field: string; before: unknown; after: unknown };

/**
 * A change's `details.before` / `details.after` as rows a person reads (field, before, after), only the fields
 * that differ; nested values are flattened with dots (`lockReason`, `signals.count`). Empty when the event has
 * no before/after.
 */
export function detailsDiff(details: string): DiffRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  const { before, after } = parsed as { before?: unknown; after?: unknown };
  if (before === undefined && after === undefined) return [];
  const flat = (value: unknown, prefix = '', out = new Map<string, unknown>()) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (prefix) out.set(prefix, value);
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => JSON.stringify(a.get(f)) !== JSON.stringify(b.get(f)))
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}

/** The details other than before/after (why, missing, counts), for the line under the diff. */
export function otherDetails(details: string): Record<string, unknown> {
  try {
    const { before: _b, after: _a, ...rest } = JSON.parse(details) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

const DAY_MS = 86_400_000;

/** Start of the reader's day, in UTC ms (the trail filters on UTC; "today" is the supervisor's). */
export function startOfLocalDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export const SAVED_VIEWS = ['unlocks_today', 'denied', 'reveals_week', 'staff_changes'] as const;
export type SavedView = (typeof SAVED_VIEWS)[number];

/** The named filters of the trail's side panel; times are computed when the view is chosen. */
export function savedViewFilter(view: SavedView, now = new Date()): Record<string, unknown> {
  switch (view) {
    case 'unlocks_today':
      return { action: 'account.unlock', from: startOfLocalDay(now) };
    case 'denied':
      return { outcome: 'denied' };
    case 'reveals_week':
      return { action: 'account.reveal', from: now.getTime() - 7 * DAY_MS };
    case 'staff_changes':
      return { targetType: 'staff' };
  }
}
