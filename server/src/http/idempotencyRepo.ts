import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changedRows, firstRow } from '../db/rows';
import { idempotencyKeys } from '../db/tables';

export type StoredKey = typeof idempotencyKeys.$inferSelect;

const byKey = (staffId: number, key: string) =>
  and(eq(idempotencyKeys.staffId, staffId), eq(idempotencyKeys.key, key));

export async function findKey(db: Db, staffId: number, key: string): Promise<StoredKey | undefined> {
  return firstRow(db.select().from(idempotencyKeys).where(byKey(staffId, key)).limit(1));
}

/**
 * Claims a key for a first request; false when a row for it already exists (the unique index
 * decides, so two requests racing for one key cannot both claim it). Rows past the window go first.
 */
export async function claimKey(
  db: Db,
  row: { staffId: number; key: string; fingerprint: string; at: number },
  expiredBefore: number,
): Promise<boolean> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expiredBefore));
  const result = await db
    .insert(idempotencyKeys)
    .values({ staffId: row.staffId, key: row.key, fingerprint: row.fingerprint, createdAt: row.at })
    .onConflictDoNothing();
  return changedRows(result) === 1;
}

export async function storeAnswer(db: Db, id: number, status: number, answer: string | null) {
  await db.update(idempotencyKeys).set({ status, answer }).where(eq(idempotencyKeys.id, id));
}

export async function releaseKey(db: Db, id: number) {
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}
