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
  const errors =
    typeof body === 'object' && body !== null && 'errors' in body
      ? (body as { errors?: Record<string, unknown> }).errors
      : undefined;
  if (status === 400 && errors?.token) return 'link_expired';
  if (status === 400 && errors?.newPassword) return 'password_rejected';
  return 'unexpected';
}

/** The API refuses non-GET requests without this header and a JSON body (CSRF defence). */
const HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' };

export async function resetPassword(token: string, newPassword: string): Promise<ResetOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/wallet/password-reset', {
      method: 'POST',
      headers: HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ token, newPassword }),
    });
  } catch {
    return 'network';
  }
  const body: unknown = await response.json().catch(() => null);
  return resetOutcome(response.status, body);
}
