import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { oneTimeCodes } from '../db/tables';

export type OtpChannel = 'sms' | 'email';

/**
 * When the n-th newest code sent to the account since `since` was created, or undefined when fewer
 * than n were: n codes already in the window means the next one is over the limit.
 */
export async function nthNewestCodeAt(
  db: DbOrTx,
  accountId: number,
  since: number,
  n: number,
): Promise<number | undefined> {
  const row = await firstRow(
    db
      .select({ at: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.accountId, accountId), gt(oneTimeCodes.createdAt, since)))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1)
      .offset(n - 1),
  );
  return row?.at;
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
export async function expireLiveCodes(tx: DbOrTx, caseId: number, channel: OtpChannel, now: number) {
  await tx
    .update(oneTimeCodes)
    .set({ expiresAt: now })
    .where(liveCodeOf(caseId, channel, now));
}

export async function insertCode(
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
  await tx.insert(oneTimeCodes).values({ ...rest, createdAt: at });
}

export async function liveCodes(db: DbOrTx, caseId: number, channel: OtpChannel, now: number) {
  return db
    .select({ id: oneTimeCodes.id, codeHash: oneTimeCodes.codeHash })
    .from(oneTimeCodes)
    .where(liveCodeOf(caseId, channel, now));
}

export async function markCodeUsed(tx: DbOrTx, id: number, now: number) {
  await tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, id));
}

/** True when this case redeemed the code with this hash on this channel. */
export async function wasRedeemed(
  db: DbOrTx,
  caseId: number,
  channel: OtpChannel,
  codeHash: string,
): Promise<boolean> {
  return Boolean(
    await firstRow(
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
        .limit(1),
    ),
  );
}
