/** Every account command names its case, a written reason and the version the agent saw (409 when stale). */
export type CommandBase = { caseId: number; reason: string; version: number };

export type LockEvent = { at: number; outcome: string; ip: string; device: string; country: string };

/** The masked account view (GET /api/accounts/:id). */
export type AccountRecord = {
  id: number;
  accountNumber: string;
  fullName: string;
  maskedEmail: string;
  maskedPhone: string;
  birthYear: number | string;
  nationalIdMasked?: string;
  country: string;
  status: 'active' | 'locked' | 'closed';
  lockReason: string | null;
  lockedAt: number | null;
  lockedUntil: number | null;
  lockedBy: { id: number; username: string } | null;
  failedSignInCount: number;
  twoFactorEnabled: boolean;
  socialProvider: string | null;
  passwordChangedAt: number | null;
  mustChangePassword: boolean;
  version: number;
  createdAt: number;
  lockDetails?: LockEvent[] | { failures?: LockEvent[]; events?: LockEvent[] } | null;
};

/** lockDetails is a list of the sign-ins that explain the lock; accept it bare or wrapped. */
export function lockEvents(account: AccountRecord): LockEvent[] {
  const details = account.lockDetails;
  if (!details) return [];
  if (Array.isArray(details)) return details;
  return details.failures ?? details.events ?? [];
}
