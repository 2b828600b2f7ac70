import { and, count, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { lookupPins } from '../db/schema';

export type PinRow = typeof lookupPins.$inferInsert;

/** The distinct value hashes given for one detail of the account since `since` (index lookup_pins_account). */
export function pinnedValues(db: DbOrTx, accountId: number, field: string, since: number): Set<string> {
  const rows = db
    .select({ valueHash: lookupPins.valueHash })
    .from(lookupPins)
    .where(and(eq(lookupPins.accountId, accountId), eq(lookupPins.field, field), gt(lookupPins.at, since)))
    .all();
  return new Set(rows.map((r) => r.valueHash));
}

export function insertPin(db: DbOrTx, row: PinRow) {
  db.insert(lookupPins).values(row).run();
}

/** How many lookups varied a detail of the account since `since`: mismatches of its verification. */
export function variationsSince(db: DbOrTx, accountId: number, since: number): number {
  const row = db
    .select({ n: count() })
    .from(lookupPins)
    .where(and(eq(lookupPins.accountId, accountId), eq(lookupPins.varied, true), gt(lookupPins.at, since)))
    .get();
  return row?.n ?? 0;
}
