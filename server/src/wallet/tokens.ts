import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { TokenState } from '../../../shared/domain';
import type { DbOrTx, Tx } from '../db/client';
import { changedRows, firstRow } from '../db/rows';
import { customerTokens, emailChanges, type TokenPurpose } from '../db/tables';
import { isOverdue } from '../emailChanges/emailChangeRules';

/** Only the hash is stored, so whoever reads the database still cannot redeem a link. */
export const hashCustomerToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type IssueTokenInput = {
  accountId: number;
  purpose: TokenPurpose;
  ttlMs: number;
  emailChangeId?: number | null;
};

/**
 * Mints a single-use customer token (reset link, email confirmation or revert) inside the
 * caller's transaction and returns the plain value, which goes only into the customer's message.
 */
export async function issueCustomerToken(tx: Tx, input: IssueTokenInput, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(customerTokens).values({
    accountId: input.accountId,
    purpose: input.purpose,
    tokenHash: hashCustomerToken(token),
    emailChangeId: input.emailChangeId ?? null,
    expiresAt: now + input.ttlMs,
    createdAt: now,
  });
  return token;
}

/** How long a password reset link works, sent by an agent or asked for by the customer. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

/** The customer page a token opens (docs/design.md, Customer pages), under PUBLIC_URL. */
export type CustomerPage = 'reset-password' | 'confirm-email' | 'revert-email';

export const customerLink = (publicUrl: string, page: CustomerPage, token: string) =>
  `${publicUrl}/wallet/${page}?token=${encodeURIComponent(token)}`;

/**
 * A fresh reset link: every live reset token of the account is retired first, so only the link
 * in the newest message works (a resend voids the link it replaces).
 */
export async function issueResetLink(
  tx: Tx,
  publicUrl: string,
  accountId: number,
  now: number,
): Promise<string> {
  await retireTokens(tx, accountId, 'password_reset', now);
  const token = await issueCustomerToken(
    tx,
    { accountId, purpose: 'password_reset', ttlMs: PASSWORD_RESET_TTL_MS },
    now,
  );
  return customerLink(publicUrl, 'reset-password', token);
}

/** The live (unexpired, unused) token of that purpose, or undefined; a lookup by hash needs no constant-time compare. */
export async function findLiveToken(db: DbOrTx, token: string, purpose: TokenPurpose, now: number) {
  return firstRow(
    db
      .select()
      .from(customerTokens)
      .where(
        and(
          eq(customerTokens.tokenHash, hashCustomerToken(token)),
          eq(customerTokens.purpose, purpose),
          isNull(customerTokens.usedAt),
          gt(customerTokens.expiresAt, now),
        ),
      )
      .limit(1),
  );
}

/**
 * Whether a change still has a live link of that purpose (the old address's, issued at approval); read through
 * the account's tokens (customer_tokens_account), a handful of rows.
 */
export async function hasLiveChangeToken(
  db: DbOrTx,
  change: { id: number; accountId: number },
  purpose: TokenPurpose,
  now: number,
) {
  const row = await firstRow(
    db
      .select({ id: customerTokens.id })
      .from(customerTokens)
      .where(
        and(
          eq(customerTokens.accountId, change.accountId),
          eq(customerTokens.emailChangeId, change.id),
          eq(customerTokens.purpose, purpose),
          isNull(customerTokens.usedAt),
          gt(customerTokens.expiresAt, now),
        ),
      )
      .limit(1),
  );
  return row !== undefined;
}

/** Marks a token used; false when another request redeemed it first. */
export async function markTokenUsed(tx: Tx, id: number, now: number): Promise<boolean> {
  const result = await tx
    .update(customerTokens)
    .set({ usedAt: now })
    .where(and(eq(customerTokens.id, id), isNull(customerTokens.usedAt)));
  return changedRows(result) === 1;
}

/** Retires every other live token of that purpose (a redeemed reset link kills the older ones). */
export async function retireTokens(tx: Tx, accountId: number, purpose: TokenPurpose, now: number) {
  await tx
    .update(customerTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(customerTokens.accountId, accountId),
        eq(customerTokens.purpose, purpose),
        isNull(customerTokens.usedAt),
      ),
    );
}

/**
 * What a customer page may learn about its link before the customer types anything: one of four
 * words, nothing about the account. A token of another purpose is unknown here. An email-change
 * link is also spent when its change moved on (confirmed, reverted) and dead when it ended
 * otherwise (rejected, expired, revert window over), exactly as redeeming it would find.
 */
export async function tokenState(
  db: DbOrTx,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<TokenState> {
  const row = await firstRow(
    db
      .select({
        usedAt: customerTokens.usedAt,
        expiresAt: customerTokens.expiresAt,
        changeStatus: emailChanges.status,
        revertUntil: emailChanges.revertUntil,
        createdAt: emailChanges.createdAt,
        decidedAt: emailChanges.decidedAt,
      })
      .from(customerTokens)
      .leftJoin(emailChanges, eq(emailChanges.id, customerTokens.emailChangeId))
      .where(and(eq(customerTokens.tokenHash, hashCustomerToken(token)), eq(customerTokens.purpose, purpose)))
      .limit(1),
  );
  if (!row) return 'unknown';
  if (row.usedAt !== null) return 'used';
  if (row.expiresAt <= now) return 'expired';
  if (purpose === 'email_confirm' && row.changeStatus !== 'awaiting_confirmation') {
    return row.changeStatus === 'completed' || row.changeStatus === 'reverted' ? 'used' : 'expired';
  }
  if (purpose === 'email_revert') {
    if (row.changeStatus === 'reverted') return 'used';
    // Before the new address confirms, the old address's link cancels the change (docs/design.md, Email changes).
    if (row.changeStatus === 'awaiting_confirmation') {
      const change = { status: row.changeStatus, createdAt: row.createdAt ?? 0, decidedAt: row.decidedAt };
      return isOverdue(change, now) ? 'expired' : 'valid';
    }
    if (row.changeStatus !== 'completed' || row.revertUntil === null || now > row.revertUntil)
      return 'expired';
  }
  return 'valid';
}
