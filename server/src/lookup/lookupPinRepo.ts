import { and, count, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow, isPg, rawAll, rawRun } from '../db/rows';
import { lookupPins } from '../db/tables';

export type PinRow = typeof lookupPins.$inferInsert;

/**
 * The distinct value hashes given for each of `fields` of the account since `since`, by field: one
 * statement for all the details a lookup gave beside the pinning one (index lookup_pins_account).
 */
export async function pinnedValues(
  db: DbOrTx,
  accountId: number,
  fields: readonly string[],
  since: number,
): Promise<Map<string, Set<string>>> {
  const byField = new Map(fields.map((f) => [f, new Set<string>()]));
  if (!fields.length) return byField;
  const rows = await rawAll<{ field: string; valueHash: string }>(
    db,
    `SELECT field, value_hash AS valueHash FROM lookup_pins
      WHERE account_id = ? AND field IN (${fields.map(() => '?').join(', ')}) AND at > ?`,
    [accountId, ...fields, since],
  );
  for (const r of rows) byField.get(r.field)?.add(r.valueHash);
  return byField;
}

const PIN_COLUMNS = 7;

/** Pins in one multi-row INSERT (a lookup giving name and birth date with a phone writes two). */
export async function insertPins(db: DbOrTx, rows: readonly PinRow[]) {
  if (!rows.length) return;
  // better-sqlite3 binds no booleans: SQLite's columns hold 0/1, PostgreSQL's are boolean.
  const flag = isPg(db) ? (b: boolean) => b : (b: boolean) => (b ? 1 : 0);
  const values = Array.from({ length: rows.length }, () => `(${Array(PIN_COLUMNS).fill('?').join(', ')})`);
  await rawRun(
    db,
    `INSERT INTO lookup_pins (account_id, field, value_hash, matched, varied, staff_id, at) VALUES ${values.join(', ')}`,
    rows.flatMap((r) => [
      r.accountId,
      r.field,
      r.valueHash,
      flag(r.matched),
      flag(r.varied),
      r.staffId,
      r.at,
    ]),
  );
}

/** How many lookups varied a detail of the account since `since`: mismatches of its verification. */
export async function variationsSince(db: DbOrTx, accountId: number, since: number): Promise<number> {
  const row = await firstRow(
    db
      .select({ n: count() })
      .from(lookupPins)
      .where(and(eq(lookupPins.accountId, accountId), eq(lookupPins.varied, true), gt(lookupPins.at, since)))
      .limit(1),
  );
  return row?.n ?? 0;
}
