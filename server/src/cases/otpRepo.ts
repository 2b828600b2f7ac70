import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { oneTimeCodes } from '../db/schema';

export type OtpChannel = 'sms' | 'email';

/**
 * When the n-th newest code sent to the account since `since` was created, or undefined when fewer
 * than n were: n codes already in the window means the next one is over the limit.
 */
export function nthNewestCodeAt(db: DbOrTx, accountId: number, since: number, n: number): number | undefined {
  return db
    .select({ at: oneTimeCodes.createdAt })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.accountId, accountId), gt(oneTimeCodes.createdAt, since)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .offset(n - 1)
    .get()?.at;
}

/** Unused and unexpired codes of one case and channel. */
const liveCodeOf = (caseId: number, channel: OtpChannel, now: number) =>
  and(
    eq(oneTimeCodes.caseId, caseId),
    eq(oneTimeCodes.channel, channel),
    isNull(oneTimeCodes.usedAt),
    gt(oneTimeCodes.expiresAt, now),
  );

/** A new code makes the older ones of the same case and channel useless: only the last one sent works. */
export function expireLiveCodes(tx: DbOrTx, caseId: number, channel: OtpChannel, now: number) {
  tx.update(oneTimeCodes)
    .set({ expiresAt: now })
    .where(liveCodeOf(caseId, channel, now))
    .run();
}

export function insertCode(
  tx: DbOrTx,
  values: {
    caseId: number;
    accountId: number;
    channel: OtpChannel;
    codeHash: string;
    expiresAt: number;
    at: number;
  },
) {
  const { at, ...rest } = values;
  tx.insert(oneTimeCodes)
    .values({ ...rest, createdAt: at })
    .run();
}

export function liveCodes(db: DbOrTx, caseId: number, channel: OtpChannel, now: number) {
  return db
    .select({ id: oneTimeCodes.id, codeHash: oneTimeCodes.codeHash })
    .from(oneTimeCodes)
    .where(liveCodeOf(caseId, channel, now))
    .all();
}

export function markCodeUsed(tx: DbOrTx, id: number, now: number) {
  tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, id)).run();
}

/** True when this case redeemed the code with this hash on this channel. */
export function wasRedeemed(db: DbOrTx, caseId: number, channel: OtpChannel, codeHash: string): boolean {
  return Boolean(
    db
      .select({ id: oneTimeCodes.id })
      .from(oneTimeCodes)
      .where(
        and(
          eq(oneTimeCodes.caseId, caseId),
          eq(oneTimeCodes.channel, channel),
          eq(oneTimeCodes.codeHash, codeHash),
          isNotNull(oneTimeCodes.usedAt),
        ),
      )
      .get(),
  );
}
