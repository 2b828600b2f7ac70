import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { changedRows, firstRow } from '../db/rows';
import { type Account, accounts, devices } from '../db/tables';

export type AccountPatch = Partial<
  Pick<
    Account,
    | 'status'
    | 'lockReason'
    | 'lockedAt'
    | 'lockedUntil'
    | 'lockedBy'
    | 'failedSignInCount'
    | 'twoFactorEnabled'
    | 'twoFactorEnrolRequired'
  >
>;

/**
 * Optimistic concurrency: the change applies only to the version the agent was looking at, and
 * moves it on. undefined means someone else changed the account first.
 */
export function updateAccountAtVersion(
  tx: DbOrTx,
  id: number,
  version: number,
  patch: AccountPatch,
  now: number,
): Promise<Account | undefined> {
  return firstRow(
    tx
      .update(accounts)
      .set({ ...patch, version: version + 1, updatedAt: now })
      .where(and(eq(accounts.id, id), eq(accounts.version, version)))
      .returning(),
  );
}

/** Ends every customer session on every device; returns how many were still signed in. */
export async function revokeAllDevices(tx: DbOrTx, accountId: number, now: number): Promise<number> {
  return changedRows(
    await tx
      .update(devices)
      .set({ revokedAt: now })
      .where(and(eq(devices.accountId, accountId), isNull(devices.revokedAt))),
  );
}

/** Ends the customer's session on one device of this account; false when it is not theirs or already signed out. */
export function revokeDevice(tx: DbOrTx, accountId: number, deviceId: number, now: number) {
  return firstRow(
    tx
      .update(devices)
      .set({ revokedAt: now })
      .where(and(eq(devices.id, deviceId), eq(devices.accountId, accountId), isNull(devices.revokedAt)))
      .returning({ id: devices.id, label: devices.label, lastCountry: devices.lastCountry }),
  );
}
