import { and, count, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { lookupPins } from '../db/tables';

export type PinRow = typeof lookupPins.$inferInsert;

/** The distinct value hashes given for one detail of the account since `since` (index lookup_pins_account). */
export async function pinnedValues(
  db: DbOrTx,
  accountId: number,
  field: string,
  since: number,
): Promise<Set<string>> {
  const rows = await db
    .select({ valueHash: lookupPins.valueHash })
    .from(lookupPins)
    .where(and(eq(lookupPins.accountId, accountId), eq(lookupPins.field, field), gt(lookupPins.at, since)));
  return new Set(rows.map((r) => r.valueHash));
}

export async function insertPin(db: DbOrTx, row: PinRow) {
  await db.insert(lookupPins).values(row);
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
