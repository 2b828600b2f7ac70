import { fieldErrorsOf, postForAnswer } from '../api/http';

export type EmailChangeStep = 'confirm' | 'revert';

export type EmailChangeOutcome =
  | 'done'
  | 'cancelled'
  | 'link_expired'
  | 'conflict'
  | 'too_many'
  | 'network'
  | 'unexpected';

/**
 * What an answer of POST /api/wallet/email-change/confirm|revert means for the customer. Unknown, expired and
 * used links are worded alike by the server (errors.token) and by the page.
 */
export function emailChangeOutcome(status: number, body: unknown): EmailChangeOutcome {
  // The old address's link before the new one confirmed calls the change off instead of undoing it.
  if (status === 200 && (body as { status?: unknown } | null)?.status === 'cancelled') return 'cancelled';
  if (status === 200 || status === 201) return 'done';
  if (status === 429) return 'too_many';
  if (status === 409) return 'conflict';
  if (status === 400 && fieldErrorsOf(body).token) return 'link_expired';
  return 'unexpected';
}

export async function redeemEmailChangeLink(
  step: EmailChangeStep,
  token: string,
): Promise<EmailChangeOutcome> {
  const answer = await postForAnswer(`/wallet/email-change/${step}`, { token });
  return answer ? emailChangeOutcome(answer.status, answer.body) : 'network';
}
