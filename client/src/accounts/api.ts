import { sendJson } from '../lookup/http';

/** Every account command names its case, a written reason and the version the agent saw (409 when stale). */
export type CommandBase = { caseId: number; reason: string; version: number };

export const ACCOUNT_COMMANDS = {
  unlock: 'unlock',
  hold: 'hold',
  signOutDevices: 'sign-out-devices',
  passwordReset: 'password-reset',
  reveal: 'reveal',
  emailHint: 'email-hint',
  emailChange: 'email-change',
} as const;
export type AccountCommand = keyof typeof ACCOUNT_COMMANDS;

export async function runAccountCommand<T = unknown>(
  accountId: number,
  command: AccountCommand,
  body: CommandBase & Record<string, unknown>,
): Promise<T> {
  const { json } = await sendJson('POST', `/accounts/${accountId}/${ACCOUNT_COMMANDS[command]}`, body);
  return json as T;
}

export const unlock = (id: number, body: CommandBase) => runAccountCommand(id, 'unlock', body);
export const hold = (id: number, body: CommandBase) => runAccountCommand(id, 'hold', body);
export const signOutDevices = (id: number, body: CommandBase) =>
  runAccountCommand(id, 'signOutDevices', body);
export const reveal = (id: number, body: CommandBase & { field: 'email' | 'phone' }) =>
  runAccountCommand<{ field: string; value: string }>(id, 'reveal', body);

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
