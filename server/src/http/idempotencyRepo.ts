import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema';

export type StoredKey = typeof idempotencyKeys.$inferSelect;

const byKey = (staffId: number, key: string) =>
  and(eq(idempotencyKeys.staffId, staffId), eq(idempotencyKeys.key, key));

export function findKey(db: Db, staffId: number, key: string): StoredKey | undefined {
  return db.select().from(idempotencyKeys).where(byKey(staffId, key)).get();
}

/**
 * Claims a key for a first request; false when a row for it already exists (the unique index
 * decides, so two requests racing for one key cannot both claim it). Rows past the window go first.
 */
export function claimKey(
  db: Db,
  row: { staffId: number; key: string; fingerprint: string; at: number },
  expiredBefore: number,
): boolean {
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expiredBefore)).run();
  const result = db
    .insert(idempotencyKeys)
    .values({ staffId: row.staffId, key: row.key, fingerprint: row.fingerprint, createdAt: row.at })
    .onConflictDoNothing()
    .run();
  return result.changes === 1;
}

export function storeAnswer(db: Db, id: number, status: number, answer: string | null) {
  db.update(idempotencyKeys).set({ status, answer }).where(eq(idempotencyKeys.id, id)).run();
}

export function releaseKey(db: Db, id: number) {
  db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id)).run();
}
