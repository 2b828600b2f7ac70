import { TOKEN_STATES, type TokenPurpose, type TokenState } from '../../../shared/domain';
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

/**
 * What the page may know of its link before the customer does anything (POST /api/wallet/token-status,
 * docs/design.md): the server answers nothing but this word. Null when it could not say (offline, throttled,
 * a fault): the page then shows its form, and redeeming the link still refuses a spent one.
 */
export async function fetchLinkStatus(token: string, purpose: TokenPurpose): Promise<TokenState | null> {
  const answer = await postForAnswer('/wallet/token-status', { token, purpose });
  const status = (answer?.body as { status?: unknown } | null)?.status;
  return answer?.status === 200 && TOKEN_STATES.includes(status as TokenState)
    ? (status as TokenState)
    : null;
}

export type ForgotOutcome = 'accepted' | 'too_many' | 'invalid' | 'network' | 'unexpected';

/**
 * POST /api/wallet/forgot-password: the server answers the same 202 whether or not the login is known,
 * so the page can only ever say "if it is yours, a link is on its way".
 */
export async function requestReset(login: string, channel: 'email' | 'sms'): Promise<ForgotOutcome> {
  const answer = await postForAnswer('/wallet/forgot-password', { login, channel });
  if (!answer) return 'network';
  if (answer.status === 202) return 'accepted';
  if (answer.status === 429) return 'too_many';
  if (answer.status === 400) return 'invalid';
  return 'unexpected';
}
