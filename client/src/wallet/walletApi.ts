import { fieldErrorsOf, postForAnswer } from '../api/http';

/** Mirrors the server's rule (server/src/wallet/passwordReset.ts) so the page can state it up front. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type ResetOutcome =
  | 'changed'
  | 'link_expired'
  | 'password_rejected'
  | 'too_many'
  | 'network'
  | 'unexpected';

/**
 * What an answer of POST /api/wallet/password-reset means for the customer. The server words an
 * unknown, expired and used token the same way (errors.token), and so does the page.
 */
export function resetOutcome(status: number, body: unknown): ResetOutcome {
  if (status === 200) return 'changed';
  if (status === 429) return 'too_many';
  const errors = fieldErrorsOf(body);
  if (status === 400 && errors.token) return 'link_expired';
  if (status === 400 && errors.newPassword) return 'password_rejected';
  return 'unexpected';
}

export async function resetPassword(token: string, newPassword: string): Promise<ResetOutcome> {
  const answer = await postForAnswer('/wallet/password-reset', { token, newPassword });
  return answer ? resetOutcome(answer.status, answer.body) : 'network';
}
