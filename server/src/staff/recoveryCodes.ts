import { createHmac, randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { changedRows, firstRow } from '../db/rows';
import { staffRecoveryCodes } from '../db/tables';

/** docs/design.md, Staff TOTP enrolment: ten at enrolment and at each regeneration. */
export const RECOVERY_CODE_COUNT = 10;

/** Letters and digits nobody misreads when copying them from paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

/** A recovery code: 10 characters from a 31-letter alphabet (49 bits) in two groups, `K7QFM-2XR9P`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** What a typed code is compared as: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * The only form kept: HMAC-SHA256 under the PII key (beside, not inside, the database). A code carries 49
 * random bits, so a keyed fast hash suffices: without the key a reader of the database cannot even test a
 * guess, and with it 2^49 tries per code remain.
 */
export function recoveryCodeHash(piiKey: Buffer, typed: string): string {
  return createHmac('sha256', piiKey)
    .update(`staff-recovery-code\0${normaliseRecoveryCode(typed)}`)
    .digest('hex');
}

/** Replaces every code of the member (used or not) with the given hashes. */
export async function replaceRecoveryCodes(tx: DbOrTx, staffId: number, hashes: string[], now: number) {
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  if (hashes.length === 0) return;
  await tx
    .insert(staffRecoveryCodes)
    .values(hashes.map((codeHash) => ({ staffId, codeHash, createdAt: now })));
}

export type RecoveryCodeUse = 'used' | 'already_used' | 'unknown';

/**
 * Spends one code with a compare-and-set on `used_at`: of any number of requests with one code, exactly
 * one sees `used`; the rest see `already_used`.
 */
export async function spendRecoveryCode(
  tx: DbOrTx,
  staffId: number,
  codeHash: string,
  now: number,
): Promise<RecoveryCodeUse> {
  const mine = and(eq(staffRecoveryCodes.staffId, staffId), eq(staffRecoveryCodes.codeHash, codeHash));
  const spent = await tx
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(and(mine, isNull(staffRecoveryCodes.usedAt)));
  if (changedRows(spent) === 1) return 'used';
  return (await firstRow(
    tx.select({ id: staffRecoveryCodes.id }).from(staffRecoveryCodes).where(mine).limit(1),
  ))
    ? 'already_used'
    : 'unknown';
}

export async function unusedRecoveryCodes(db: DbOrTx, staffId: number): Promise<number> {
  return (
    (
      await firstRow(
        db
          .select({ n: count() })
          .from(staffRecoveryCodes)
          .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)))
          .limit(1),
      )
    )?.n ?? 0
  );
}
