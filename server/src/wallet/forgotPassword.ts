import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AuditContext, appendAudit } from '../audit/writer';
import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { AppError } from '../http/errors';
import { kickDelivery } from '../messages/delivery';
import { enqueueMessage } from '../messages/outbox';
import { maskEmail, maskPhone } from '../policy/mask';
import { reserveAttempt, type ThrottleRule } from '../staff/throttleRepo';
import { issueResetLink, PASSWORD_RESET_TTL_MS } from './tokens';
import { canonicalLogin, findAccountsByLogin, parseLogin } from './walletRepo';

/**
 * The customer's own "forgot password" (docs/design.md, Self-service password reset): the seed's first
 * remedy, so fewer customers need to call. Whoever asks, for whatever login, gets the same answer in the
 * same time; a reset link goes only to a channel the account registered, never to an address typed here.
 */

export type ResetChannel = 'email' | 'sms';

/**
 * Per login, counted on what the login means (any format of one phone is one key), known or not: the
 * 429 then says nothing about whether an account answers to it.
 */
export const FORGOT_PER_LOGIN: ThrottleRule = { limit: 3, windowMs: 60 * 60_000 };
/**
 * Per account, across its email, phone and number: beyond it the answer is unchanged and nothing is sent
 * (a refusal here would tell whether three logins share one account). Audited.
 */
export const FORGOT_PER_ACCOUNT: ThrottleRule = { limit: 5, windowMs: 24 * 60 * 60_000 };
/** Per network: one address cannot walk a list of logins. */
export const FORGOT_PER_NETWORK: ThrottleRule = { limit: 10, windowMs: 60 * 60_000 };
/** Every answer takes at least this long, so a reader of the clock learns nothing about the login. */
export const FORGOT_MIN_ANSWER_MS = 400;

export const FORGOT_ANSWER = {
  accepted: true,
  message:
    'If this login belongs to an OKPay account, a reset link is on its way to the channel you chose (the one registered on the account).',
} as const;

const keyedHash = (key: Buffer, kind: string, value: string) =>
  createHmac('sha256', key).update(`forgot-password\0${kind}\0${value}`).digest('hex').slice(0, 32);

function tooMany(rule: ThrottleRule, windowStart: number, now: number) {
  return AppError.tooMany('Too many reset requests: try again later', windowStart + rule.windowMs - now);
}

export async function requestPasswordResetByCustomer(
  deps: AppDeps,
  ctx: AuditContext,
  input: { login: string; channel: ResetChannel; ip: string },
): Promise<typeof FORGOT_ANSWER> {
  const started = Date.now();
  try {
    return await sendIfKnown(deps, ctx, input);
  } finally {
    const left = FORGOT_MIN_ANSWER_MS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function sendIfKnown(
  deps: AppDeps,
  ctx: AuditContext,
  input: { login: string; channel: ResetChannel; ip: string },
): Promise<typeof FORGOT_ANSWER> {
  const now = deps.now();
  const key = deps.keys.piiKey;
  const sent = await inTransaction(deps.db, async (tx) => {
    const matches = await findAccountsByLogin(tx, input.login);
    // Two accounts answering one login (a shared phone) is no login: treated as unknown.
    const account = matches.length === 1 ? matches[0] : undefined;
    const loginKey = keyedHash(key, 'login', canonicalLogin(parseLogin(input.login)));
    const network = await reserveAttempt(
      tx,
      `forgot:ip:${keyedHash(key, 'ip', input.ip)}`,
      FORGOT_PER_NETWORK,
      now,
    );
    const perLogin = await reserveAttempt(tx, `forgot:login:${loginKey}`, FORGOT_PER_LOGIN, now);
    const base = {
      action: 'wallet.forgot_password',
      actorUsername: 'customer',
      targetType: 'account',
    } as const;
    const refused =
      network.attempt > FORGOT_PER_NETWORK.limit
        ? { why: 'network_limit', error: tooMany(FORGOT_PER_NETWORK, network.windowStart, now) }
        : perLogin.attempt > FORGOT_PER_LOGIN.limit
          ? { why: 'login_limit', error: tooMany(FORGOT_PER_LOGIN, perLogin.windowStart, now) }
          : null;
    if (refused) {
      await appendAudit(tx, ctx, {
        ...base,
        outcome: 'denied',
        targetId: account?.id,
        details: { why: refused.why, channel: input.channel },
      });
      return refused.error;
    }
    if (!account || account.status === 'closed') {
      // Kept as a keyed hash: the trail shows probing without holding what was typed.
      await appendAudit(tx, ctx, {
        ...base,
        outcome: 'denied',
        details: { why: account ? 'closed' : 'unknown_login', channel: input.channel, loginHash: loginKey },
      });
      return null;
    }
    if (
      (await reserveAttempt(tx, `forgot:account:${account.id}`, FORGOT_PER_ACCOUNT, now)).attempt >
      FORGOT_PER_ACCOUNT.limit
    ) {
      await appendAudit(tx, ctx, {
        ...base,
        outcome: 'denied',
        targetId: account.id,
        details: { why: 'account_limit', channel: input.channel },
      });
      return null;
    }
    const link = await issueResetLink(tx, deps.config.PUBLIC_URL, account.id, now);
    const messageId = await enqueueMessage(
      tx,
      {
        account,
        channel: input.channel,
        template: 'self_service_reset_link',
        vars: { link },
        sealKey: deps.keys.messageKey,
      },
      now,
    );
    const maskedRecipient = input.channel === 'email' ? maskEmail(account.email) : maskPhone(account.phone);
    await appendAudit(tx, ctx, {
      ...base,
      outcome: 'success',
      targetId: account.id,
      details: { channel: input.channel, maskedRecipient, messageId, expiresAt: now + PASSWORD_RESET_TTL_MS },
    });
    return true;
  });
  // The 429 is thrown after its audit row committed; it says nothing about the login either.
  if (sent instanceof AppError) throw sent;
  if (sent) kickDelivery(deps);
  return FORGOT_ANSWER;
}
