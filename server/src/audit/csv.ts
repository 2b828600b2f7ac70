import type { AuditEvent } from '../db/schema';

export const CSV_COLUMNS: (keyof AuditEvent)[] = [
  'id',
  'at',
  'actorId',
  'actorUsername',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'caseId',
  'reason',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\n`;

export const csvLine = (row: AuditEvent) => `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`;
