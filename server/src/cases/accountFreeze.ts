import { and, count, desc, eq, gt, isNull, max } from 'drizzle-orm';
import { FREEZE_AFTER_MISMATCHES, MISMATCH_WINDOW_MS } from '../../../shared/domain';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { cases, verificationChecks, verificationFreezes } from '../db/tables';
import { variationsSince } from '../lookup/lookupPinRepo';

/**
 * Verification is frozen per customer, not per case (docs/design.md, Limits per customer): the 3rd
 * mismatch within 24 h on one account, whichever cases and agents made them, freezes verification of
 * every open and future case on it until a supervisor other than the one whose check froze it reviews.
 * Counting restarts after a review. A new case or a second agent account starts from the same count.
 */

export type VerificationFreeze = typeof verificationFreezes.$inferSelect;

/** The account's unreviewed freeze, if any. */
export async function activeFreeze(db: DbOrTx, accountId: number): Promise<VerificationFreeze | undefined> {
  return firstRow(
    db
      .select()
      .from(verificationFreezes)
      .where(and(eq(verificationFreezes.accountId, accountId), isNull(verificationFreezes.reviewedAt)))
      .orderBy(desc(verificationFreezes.id))
      .limit(1),
  );
}

/** Mismatched checks and lookup variations on the account in the window, after the last review. */
export async function accountMismatches(db: DbOrTx, accountId: number, now: number): Promise<number> {
  const reviewedThrough =
    (
      await firstRow(
        db
          .select({ id: max(verificationFreezes.reviewedThroughCheckId) })
          .from(verificationFreezes)
          .where(eq(verificationFreezes.accountId, accountId))
          .limit(1),
      )
    )?.id ?? 0;
  const lastReviewAt =
    (
      await firstRow(
        db
          .select({ at: max(verificationFreezes.reviewedAt) })
          .from(verificationFreezes)
          .where(eq(verificationFreezes.accountId, accountId))
          .limit(1),
      )
    )?.at ?? 0;
  // Lookups that pinned the account and varied a detail count too (lookup/lookupVariation.ts).
  const variations = await variationsSince(db, accountId, Math.max(now - MISMATCH_WINDOW_MS, lastReviewAt));
  const checks = await firstRow(
    db
      .select({ n: count() })
      .from(verificationChecks)
      .innerJoin(cases, eq(cases.id, verificationChecks.caseId))
      .where(
        and(
          eq(cases.accountId, accountId),
          eq(verificationChecks.matched, false),
          gt(verificationChecks.at, now - MISMATCH_WINDOW_MS),
          gt(verificationChecks.id, reviewedThrough),
        ),
      )
      .limit(1),
  );
  return variations + (checks?.n ?? 0);
}

export const freezesAccount = (mismatches: number) => mismatches >= FREEZE_AFTER_MISMATCHES;

/** Freezes the account's verification: the freeze row, and every open case on it. */
export async function freezeAccount(
  tx: DbOrTx,
  input: { accountId: number; caseId: number | null; frozenBy: number; mismatchCount: number; now: number },
) {
  const { now, ...rest } = input;
  await tx.insert(verificationFreezes).values({ ...rest, frozenAt: now });
  await tx
    .update(cases)
    .set({ verificationFrozen: true, updatedAt: now })
    .where(and(eq(cases.accountId, input.accountId), eq(cases.status, 'open')));
}

/** A supervisor's review lifts the freeze on every open case of the account; the count starts again. */
export async function reviewFreeze(
  tx: DbOrTx,
  freeze: VerificationFreeze,
  review: { reviewedBy: number; reason: string; now: number },
) {
  const lastCheck =
    (
      await firstRow(
        tx
          .select({ id: max(verificationChecks.id) })
          .from(verificationChecks)
          .limit(1),
      )
    )?.id ?? 0;
  await tx
    .update(verificationFreezes)
    .set({
      reviewedBy: review.reviewedBy,
      reviewedAt: review.now,
      reviewReason: review.reason,
      reviewedThroughCheckId: lastCheck,
    })
    .where(eq(verificationFreezes.id, freeze.id));
  await tx
    .update(cases)
    .set({ verificationFrozen: false, mismatchCount: 0, updatedAt: review.now })
    .where(and(eq(cases.accountId, freeze.accountId), eq(cases.status, 'open')));
}
