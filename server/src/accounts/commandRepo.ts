import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { hotQuery } from '../db/hotQuery';
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

const PATCH_FIELDS = [
  'status',
  'lockReason',
  'lockedAt',
  'lockedUntil',
  'lockedBy',
  'failedSignInCount',
  'twoFactorEnabled',
  'twoFactorEnrolRequired',
] as const satisfies readonly (keyof AccountPatch)[];

const p = sql.placeholder;

/**
 * The UPDATE of one patch shape (which fields it sets), built and prepared once (db/hotQuery.ts): every
 * audited command runs one, and building it with drizzle per call was the largest builder cost left in
 * a command's profile. The shape's bit mask names it (PostgreSQL keeps a named statement per text).
 */
function atVersionQuery(mask: number) {
  const fields = PATCH_FIELDS.filter((_, i) => mask & (1 << i));
  return hotQuery(`account_at_version_${mask}`, (db) =>
    db
      .update(accounts)
      // Placeholders in set(): drizzle wraps each in its column's Param, so a boolean still binds as 0/1
      // on SQLite; its types only take values.
      .set({
        ...Object.fromEntries(fields.map((f) => [f, p(f)])),
        version: p('nextVersion'),
        updatedAt: p('now'),
      } as unknown as AccountPatch)
      .where(and(eq(accounts.id, p('id')), eq(accounts.version, p('version'))))
      .returning(),
  );
}
const atVersionQueries = new Map<number, ReturnType<typeof atVersionQuery>>();

/**
 * Optimistic concurrency: the change applies only to the version the agent was looking at, and
 * moves it on. undefined means someone else changed the account first.
 */
export async function updateAccountAtVersion(
  tx: DbOrTx,
  id: number,
  version: number,
  patch: AccountPatch,
  now: number,
): Promise<Account | undefined> {
  // As drizzle's set() does, a field given as undefined is left as it is.
  let mask = 0;
  for (const [i, f] of PATCH_FIELDS.entries()) if (patch[f] !== undefined) mask |= 1 << i;
  let query = atVersionQueries.get(mask);
  if (!query) {
    query = atVersionQuery(mask);
    atVersionQueries.set(mask, query);
  }
  const rows = (await query(tx, { ...patch, id, version, nextVersion: version + 1, now })) as Account[];
  return rows[0];
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
