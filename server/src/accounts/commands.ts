import type { Account } from '../db/schema';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { type NoticeTemplate, queueNotice } from '../messages/notices';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail, maskPhone } from '../policy/mask';
import type { Caller } from '../staff/actor';
import { issueResetLink, PASSWORD_RESET_TTL_MS } from '../wallet/tokens';
import { presentAccount } from './accountView';
import {
  type CommandInput,
  type CommandScope,
  type CommandSpec,
  runCommand,
  staleVersion,
} from './commandFrame';
import { type AccountPatch, revokeAllDevices, revokeDevice, updateAccountAtVersion } from './commandRepo';

/** The account commands (docs/design.md, Commands); each is one transaction: change, audit row, customer notice. */

export { PASSWORD_RESET_TTL_MS };

const lockState = (a: Account) => ({ status: a.status, lockReason: a.lockReason, version: a.version });

/** A command's scope, plus whether it queued a message due now (delivery is woken after the commit). */
type NotifiedScope = CommandScope & { dueNow: boolean };

/** Changes the account at the version read in this transaction, audits before/after and notifies the customer. */
async function changeAndNotify(
  scope: NotifiedScope,
  patch: AccountPatch,
  notice: NoticeTemplate,
  extraDetails: Record<string, unknown> = {},
  vars: Record<string, string> = {},
) {
  const { tx, account, kase, now } = scope;
  const after = await updateAccountAtVersion(tx, account.id, account.version, patch, now);
  if (!after) throw staleVersion(account.version);
  await scope.audit({ before: lockState(account), after: lockState(after), ...extraDetails });
  const { dueAt } = await queueNotice(
    tx,
    { account: after, caseId: kase.id, channel: 'email', template: notice, vars },
    now,
  );
  if (dueAt <= now) scope.dueNow = true;
  return presentAccount(after);
}

/**
 * Runs a command that may queue a customer message, then wakes delivery once it is committed, if the
 * message is due now. A notice coalesced into one due at the end of its window (messages/notices.ts) is
 * sent by the periodic worker then: waking delivery for it only ran an empty claim (under a loop of holds
 * and unlocks, one per command).
 */
async function notified<R>(
  c: Caller,
  accountId: number,
  input: CommandInput,
  spec: Omit<CommandSpec<R>, 'run'> & { run: (scope: NotifiedScope) => Promise<R> },
): Promise<R> {
  let dueNow = false;
  const result = await runCommand(c, accountId, input, {
    ...spec,
    run: async (scope) => {
      const notifiedScope: NotifiedScope = { ...scope, dueNow: false };
      const r = await spec.run(notifiedScope);
      dueNow = notifiedScope.dueNow;
      return r;
    },
  });
  if (dueNow) kickDelivery(c.deps);
  return result;
}

export function unlockAccount(c: Caller, accountId: number, input: CommandInput) {
  return notified(c, accountId, input, {
    policy: 'unlock',
    auditAction: 'account.unlock',
    run: (scope) =>
      changeAndNotify(
        scope,
        {
          status: 'active',
          lockReason: null,
          lockedAt: null,
          lockedUntil: null,
          lockedBy: null,
          failedSignInCount: 0,
        },
        'account_unlocked',
      ),
  });
}

export function holdAccount(c: Caller, accountId: number, input: CommandInput) {
  return notified(c, accountId, input, {
    policy: 'hold',
    auditAction: 'account.hold',
    run: (scope) =>
      changeAndNotify(
        scope,
        {
          status: 'locked',
          lockReason: 'customer_request',
          lockedAt: scope.now,
          lockedUntil: null,
          lockedBy: scope.actor.id,
        },
        'account_held',
      ),
  });
}

export function signOutDevices(c: Caller, accountId: number, input: CommandInput) {
  return notified(c, accountId, input, {
    policy: 'sign_out_devices',
    auditAction: 'account.sign_out_devices',
    run: async (scope) => {
      const revoked = await revokeAllDevices(scope.tx, scope.account.id, scope.now);
      return changeAndNotify(scope, {}, 'devices_signed_out', { devicesSignedOut: revoked });
    },
  });
}

/**
 * Signs the customer out of one device ("that tablet I sold"), L1 like all devices; the device must be
 * this account's and still signed in (404 otherwise, nothing changed). The customer is told which one.
 */
export function signOutDevice(c: Caller, accountId: number, deviceId: number, input: CommandInput) {
  return notified(c, accountId, input, {
    policy: 'sign_out_device',
    auditAction: 'account.sign_out_device',
    run: async (scope) => {
      const device = await revokeDevice(scope.tx, scope.account.id, deviceId, scope.now);
      if (!device) throw AppError.notFound('Signed-in device of this account');
      return changeAndNotify(scope, {}, 'device_signed_out', { device }, { device: device.label });
    },
  });
}

/** The only unmasked answer of the API: the agent reads it to the verified caller; audited, never logged. */
export function revealContact(
  c: Caller,
  accountId: number,
  input: CommandInput & { field: 'email' | 'phone' },
) {
  return runCommand(c, accountId, input, {
    policy: 'reveal',
    auditAction: 'account.reveal',
    run: async ({ account, audit }) => {
      await audit({ field: input.field });
      return { field: input.field, value: input.field === 'email' ? account.email : account.phone };
    },
  });
}

export function emailHint(c: Caller, accountId: number, input: CommandInput) {
  return runCommand(c, accountId, input, {
    policy: 'email_hint',
    auditAction: 'account.email_hint',
    run: async ({ account, audit }) => {
      const maskedEmail = maskEmail(account.email);
      await audit({ maskedEmail });
      return { maskedEmail };
    },
  });
}

/**
 * Sends a single-use reset link to a registered channel. The link (its token) goes only into the
 * customer's message; the agent gets the masked recipient.
 */
export function sendPasswordReset(
  c: Caller,
  accountId: number,
  input: CommandInput & { channel: 'email' | 'sms' },
) {
  return notified(c, accountId, input, {
    policy: 'password_reset',
    auditAction: 'account.password_reset',
    run: async (scope) => {
      const { tx, account, kase, now, audit } = scope;
      const link = await issueResetLink(tx, c.deps.config.PUBLIC_URL, account.id, now);
      const { channel } = input;
      const template = 'password_reset_link';
      const sealKey = c.deps.keys.messageKey;
      await enqueueMessage(tx, { account, caseId: kase.id, channel, template, vars: { link }, sealKey }, now);
      scope.dueNow = true;
      const maskedRecipient = channel === 'email' ? maskEmail(account.email) : maskPhone(account.phone);
      await audit({ channel, maskedRecipient, expiresAt: now + PASSWORD_RESET_TTL_MS });
      return { channel, maskedRecipient, expiresAt: now + PASSWORD_RESET_TTL_MS };
    },
  });
}
