import type { AuditEvent } from '../db/schema';
import { CHAINED_FIELDS } from './chain';

/** Every column of the trail: the id, the chained fields in the hash's own order, the hash. */
export const CSV_COLUMNS: (keyof AuditEvent)[] = ['id', ...CHAINED_FIELDS, 'hash'];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\n`;

/** Times as ISO-8601 UTC (`2026-12-01T14:07:09.123Z`): what a spreadsheet and another system's log both read. */
const cellOf = (row: AuditEvent, column: keyof AuditEvent) =>
  column === 'at' ? new Date(row.at).toISOString() : row[column];

export const csvLine = (row: AuditEvent) => `${CSV_COLUMNS.map((c) => csvCell(cellOf(row, c))).join(',')}\n`;
