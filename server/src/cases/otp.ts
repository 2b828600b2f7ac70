import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_LIMITS } from '../../../shared/domain';
import { findAccount } from '../accounts/accountReadRepo';
import { appendAudit } from '../audit/writer';
import type { DbOrTx, Tx } from '../db/client';
import { commitThenRefuse } from '../db/commitThenRefuse';
import type { Case } from '../db/schema';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail, maskPhone } from '../policy/mask';
import type { Caller } from '../staff/actor';
import { caseClosed, FROZEN_MESSAGE, notOwnerRefusal, visibleCase } from './caseAccess';
import {
  expireLiveCodes,
  insertCode,
  liveCodes,
  markCodeUsed,
  nthNewestCodeAt,
  type OtpChannel,
  wasRedeemed,
} from './otpRepo';

/**
 * One-time codes to the customer's registered phone or email. The code exists in plain text only
 * in the queued message (the customer's channel); the database keeps a keyed hash and the agent
 * never sees it. The per-account limits (CODE_LIMITS) stop any number of cases and agents flooding a customer.
 */

export const OTP_TTL_MS = 10 * 60_000;

function codeHash(key: Buffer, caseId: number, channel: OtpChannel, code: string): Buffer {
  return createHmac('sha256', key).update(`${caseId}:${channel}:${code}`).digest();
}

/**
 * A new code for this case and channel, in plain text for the customer's message only; the older
 * live ones stop working, so only the last code sent works (a resend voids the code it replaces).
 */
export async function mintCode(
  tx: DbOrTx,
  key: Buffer,
  target: { caseId: number; accountId: number; channel: OtpChannel },
  now: number,
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await expireLiveCodes(tx, target.caseId, target.channel, now);
  await insertCode(tx, {
    ...target,
    codeHash: codeHash(key, target.caseId, target.channel, code).toString('hex'),
    expiresAt: now + OTP_TTL_MS,
    at: now,
  });
  return code;
}

/**
 * The 429 when one more code would break the account's limits (shared/domain.ts CODE_LIMITS: every
 * channel, case and agent together, so five cases cannot send fifteen SMS), else null. A send and a
 * resend alike; Retry-After says when the oldest code counted leaves its window.
 */
export async function codeLimitRefusal(
  tx: DbOrTx,
  kase: Pick<Case, 'accountId'>,
  now: number,
): Promise<AppError | null> {
  for (const { limit, windowMs } of CODE_LIMITS) {
    const oldestCounted = await nthNewestCodeAt(tx, kase.accountId, now - windowMs, limit);
    if (oldestCounted === undefined) continue;
    const minutes = windowMs / 60_000;
    const span = minutes >= 60 ? `${minutes / 60} hours` : `${minutes} minutes`;
    return AppError.tooMany(
      `At most ${limit} codes to this customer every ${span}: ask the caller to wait`,
      oldestCounted + windowMs - now,
    );
  }
  return null;
}

export type OtpSent = { channel: OtpChannel; maskedRecipient: string; expiresAt: number };

export async function sendOtp({ deps, ctx, actor }: Caller, caseId: number, channel: OtpChannel) {
  const now = deps.now();
  const sent = await commitThenRefuse(deps.db, async (tx): Promise<OtpSent | AppError> => {
    const kase = await visibleCase(tx, actor, caseId);
    const refuse = async (error: AppError, why: string) => {
      await appendAudit(tx, ctx, {
        action: 'case.otp',
        outcome: 'denied',
        targetType: 'account',
        targetId: kase.accountId,
        caseId,
        details: { channel, why },
      });
      return error;
    };
    if (kase.status !== 'open') return refuse(caseClosed(), 'case_closed');
    const notOwner = notOwnerRefusal(kase, actor);
    if (notOwner) return refuse(notOwner, 'not_owner');
    if (kase.verificationFrozen) return refuse(AppError.locked(FROZEN_MESSAGE), 'frozen');
    const limited = await codeLimitRefusal(tx, kase, now);
    if (limited) return refuse(limited, 'rate_limited');
    const account = (await findAccount(tx, kase.accountId))!;
    const code = await mintCode(tx, deps.keys.piiKey, { caseId, accountId: account.id, channel }, now);
    const expiresAt = now + OTP_TTL_MS;
    const messageChannel = channel === 'sms' ? 'sms' : 'email';
    await enqueueMessage(
      tx,
      {
        account,
        caseId,
        channel: messageChannel,
        template: 'verification_code',
        vars: { code },
        sealKey: deps.keys.messageKey,
      },
      now,
    );
    const maskedRecipient = channel === 'sms' ? maskPhone(account.phone) : maskEmail(account.email);
    await appendAudit(tx, ctx, {
      action: 'case.otp',
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
      caseId,
      details: { channel, maskedRecipient },
    });
    return { channel, maskedRecipient, expiresAt };
  });
  kickDelivery(deps);
  return sent;
}

/** The digits the caller read out ("123 456", full-width "１２３４５６"), or null when it cannot be a code. */
function spokenCode(value: string): string | null {
  const code = value.normalize('NFKC').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * What the value is to this case and channel: its live code (`matched`, and the code is used up), a
 * code this case already redeemed (`already_used`: a second tab or a double submission of the right
 * code, answered 409 and never counted as a mismatch), or neither (`mismatch`).
 */
export type OtpRedemption = 'matched' | 'already_used' | 'mismatch';

export async function redeemOtp(
  tx: Tx | DbOrTx,
  key: Buffer,
  caseId: number,
  channel: OtpChannel,
  value: string,
  now: number,
): Promise<OtpRedemption> {
  const code = spokenCode(value);
  if (code === null) return 'mismatch';
  const candidate = codeHash(key, caseId, channel, code);
  for (const live of await liveCodes(tx, caseId, channel, now)) {
    const stored = Buffer.from(live.codeHash, 'hex');
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate)) {
      await markCodeUsed(tx, live.id, now);
      return 'matched';
    }
  }
  // A keyed hash of case, channel and code: looking it up by equality reveals nothing to time.
  return (await wasRedeemed(tx, caseId, channel, candidate.toString('hex'))) ? 'already_used' : 'mismatch';
}

export const CODE_ALREADY_USED = 'code_already_used';

export function codeAlreadyUsed(): AppError {
  return AppError.conflict('This code was already used in this case: the check was counted once', {
    code: CODE_ALREADY_USED,
  });
}
