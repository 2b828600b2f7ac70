import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { firstRow } from '../db/rows';
import { type Account, accounts, devices, loginEvents, type SignInOutcome } from '../db/tables';
import { normalizeAccountNumber, normalizeEmail, phoneCandidates } from '../policy/normalize';
import type { LockState, RecentSignIn } from './signInPolicy';

const ACCOUNT_NUMBER = /^[A-Z]{2}\d{6,}$/;

/** What a login says, whatever its format: the same for "138 1234 5678" and "+8613812345678", known or not. */
export type ParsedLogin =
  | { kind: 'email'; value: string }
  | { kind: 'account_number'; value: string }
  | { kind: 'phone'; value: string[] }
  | { kind: 'none'; value: string };

export function parseLogin(login: string): ParsedLogin {
  const text = login.normalize('NFKC').trim();
  if (text.includes('@')) return { kind: 'email', value: normalizeEmail(text) };
  const accountNumber = normalizeAccountNumber(text);
  if (ACCOUNT_NUMBER.test(accountNumber)) return { kind: 'account_number', value: accountNumber };
  const phones = phoneCandidates(text);
  return phones.length ? { kind: 'phone', value: phones } : { kind: 'none', value: text.toLowerCase() };
}

/** One string per login meaning (a phone's first reading): the key a per-login limit counts on. */
export function canonicalLogin(login: ParsedLogin): string {
  return `${login.kind}:${Array.isArray(login.value) ? login.value[0] : login.value}`;
}

/**
 * The accounts a customer's login may mean: an email (has "@"), an account number ("ok 12345
 * 67890" too) or a phone number in any usual format. Phone numbers are not unique in the data, so
 * this can return several rows; the caller treats anything but exactly one as unknown.
 */
export async function findAccountsByLogin(db: DbOrTx, login: string): Promise<Account[]> {
  const parsed = parseLogin(login);
  switch (parsed.kind) {
    case 'email':
      return db.select().from(accounts).where(eq(accounts.emailNorm, parsed.value)).limit(2);
    case 'account_number':
      return db.select().from(accounts).where(eq(accounts.accountNumber, parsed.value)).limit(2);
    case 'phone':
      return db.select().from(accounts).where(inArray(accounts.phone, parsed.value)).limit(2);
    default:
      return [];
  }
}

/** The events the policy looks back on: locks in the last 24 h and successes in the last hour. */
export async function recentSignIns(db: DbOrTx, accountId: number, since: number): Promise<RecentSignIn[]> {
  return db
    .select({ at: loginEvents.at, outcome: loginEvents.outcome, country: loginEvents.country })
    .from(loginEvents)
    .where(
      and(
        eq(loginEvents.accountId, accountId),
        gte(loginEvents.at, since),
        inArray(loginEvents.outcome, ['success', 'locked_out']),
      ),
    )
    .orderBy(desc(loginEvents.at))
    .limit(500);
}

/**
 * Writes the lock state; a status change also bumps `version` so an agent acting on the account
 * from a page loaded before the change gets a 409 instead of overwriting it.
 */
export async function writeLockState(
  tx: Tx,
  accountId: number,
  next: LockState,
  statusChanged: boolean,
  now: number,
) {
  await tx
    .update(accounts)
    .set({
      ...next,
      ...(statusChanged ? { lockedBy: null, version: sql`${accounts.version} + 1`, updatedAt: now } : {}),
    })
    .where(eq(accounts.id, accountId));
}

export type SignInEvent = {
  accountId: number;
  at: number;
  outcome: SignInOutcome;
  ip: string;
  device: string;
  country: string;
};

export async function insertLoginEvent(tx: Tx, event: SignInEvent) {
  await tx.insert(loginEvents).values(event);
}

/**
 * One row per (account, device label), refreshed on every attempt. Only a successful sign-in
 * makes a signed-out device active again; a failed attempt from it leaves it signed out.
 */
export async function upsertDevice(tx: Tx, event: SignInEvent) {
  const existing = await firstRow(
    tx
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.accountId, event.accountId), eq(devices.label, event.device)))
      .orderBy(desc(devices.lastSeenAt))
      .limit(1),
  );
  const signedIn = event.outcome === 'success';
  if (!existing) {
    await tx.insert(devices).values({
      accountId: event.accountId,
      label: event.device,
      lastIp: event.ip,
      lastCountry: event.country,
      firstSeenAt: event.at,
      lastSeenAt: event.at,
    });
    return;
  }
  await tx
    .update(devices)
    .set({
      lastIp: event.ip,
      lastCountry: event.country,
      lastSeenAt: event.at,
      ...(signedIn ? { revokedAt: null } : {}),
    })
    .where(eq(devices.id, existing.id));
}

/** A new password; a failed-attempts lock is lifted with it (the customer proved who they are). */
export async function setPassword(tx: Tx, account: Account, passwordHash: string, now: number) {
  const unlock = account.status === 'locked' && account.lockReason === 'failed_attempts';
  await tx
    .update(accounts)
    .set({
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: false,
      failedSignInCount: 0,
      ...(unlock
        ? { status: 'active', lockReason: null, lockedAt: null, lockedUntil: null, lockedBy: null }
        : {}),
      version: sql`${accounts.version} + 1`,
      updatedAt: now,
    })
    .where(eq(accounts.id, account.id));
  return { unlocked: unlock };
}
