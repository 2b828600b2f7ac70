import type { Account, AccountStatus, LockReason, LoginEvent, SignInOutcome } from '../db/schema';
import { birthYear, maskEmail, maskNationalId, maskPhone } from '../policy/mask';

/**
 * The only shapes in which an account leaves the server. Raw email, phone, date of birth,
 * national-ID hash and password hash never appear here; other domains return these too.
 */

export type StaffRef = { id: number; username: string | null };

export type LockEvent = { at: number; outcome: SignInOutcome; ip: string; device: string; country: string };

/** What a lookup candidate or a reference field shows: enough to recognise, not to impersonate. */
export type AccountIdentity = {
  id: number;
  accountNumber: string;
  fullName: string;
  maskedEmail: string;
  maskedPhone: string;
  birthYear: number;
  country: string;
  status: AccountStatus;
  lockReason: LockReason | null;
};

export type AccountView = AccountIdentity & {
  nationalIdMasked: string;
  lockedAt: number | null;
  lockedUntil: number | null;
  lockedBy: StaffRef | null;
  failedSignInCount: number;
  twoFactorEnabled: boolean;
  socialProvider: string | null;
  passwordChangedAt: number | null;
  mustChangePassword: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** While locked: the sign-in events that explain the lock; null when not locked (or not loaded). */
  lockDetails: LockEvent[] | null;
};

export function presentIdentity(
  account: Pick<
    Account,
    | 'id'
    | 'accountNumber'
    | 'fullName'
    | 'email'
    | 'phone'
    | 'dateOfBirth'
    | 'country'
    | 'status'
    | 'lockReason'
  >,
): AccountIdentity {
  return {
    id: account.id,
    accountNumber: account.accountNumber,
    fullName: account.fullName,
    maskedEmail: maskEmail(account.email),
    maskedPhone: maskPhone(account.phone),
    birthYear: birthYear(account.dateOfBirth),
    country: account.country,
    status: account.status,
    lockReason: account.lockReason,
  };
}

/**
 * The masked account record. Commands in other domains may call it with the account alone (the
 * locking staff member then comes back without a username); readAccountView() fills in both.
 */
export function presentAccount(
  account: Account,
  related: { lockedBy?: StaffRef | null; lockDetails?: LockEvent[] | null } = {},
): AccountView {
  const lockedBy =
    related.lockedBy !== undefined
      ? related.lockedBy
      : account.lockedBy === null
        ? null
        : { id: account.lockedBy, username: null };
  return {
    ...presentIdentity(account),
    nationalIdMasked: maskNationalId(account.nationalIdLast4),
    lockedAt: account.lockedAt,
    lockedUntil: account.lockedUntil,
    lockedBy,
    failedSignInCount: account.failedSignInCount,
    twoFactorEnabled: account.twoFactorEnabled,
    socialProvider: account.socialProvider,
    passwordChangedAt: account.passwordChangedAt,
    mustChangePassword: account.mustChangePassword,
    version: account.version,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    lockDetails: account.status === 'locked' ? (related.lockDetails ?? null) : null,
  };
}

export const SUSPICIOUS_WINDOW_MS = 60 * 60_000;

/**
 * The sign-in events that explain a lock, from the account's events up to the lock, newest first:
 * for failed attempts, the run of failures back to the last success (so a third lock in a day
 * shows all of them); for suspicious activity, the successes in the hour before the lock. Other
 * reasons are decisions by people, not by sign-ins.
 */
export function explainLock(account: Account, eventsBeforeLock: LoginEvent[]): LockEvent[] {
  const lockedAt = account.lockedAt ?? Number.POSITIVE_INFINITY;
  const picked: LoginEvent[] = [];
  if (account.lockReason === 'failed_attempts') {
    for (const event of eventsBeforeLock) {
      if (event.outcome === 'success') break;
      if (event.outcome === 'failure' || event.outcome === 'locked_out') picked.push(event);
    }
  } else if (account.lockReason === 'suspicious_activity') {
    for (const event of eventsBeforeLock) {
      if (event.at < lockedAt - SUSPICIOUS_WINDOW_MS) break;
      if (event.outcome === 'success' || event.outcome === 'locked_out') picked.push(event);
    }
  }
  return picked.map(({ at, outcome, ip, device, country }) => ({ at, outcome, ip, device, country }));
}
