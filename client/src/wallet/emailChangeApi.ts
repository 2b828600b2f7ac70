export type EmailChangeStep = 'confirm' | 'revert';

export type EmailChangeOutcome = 'done' | 'link_expired' | 'conflict' | 'too_many' | 'network' | 'unexpected';

/**
 * What an answer of POST /api/wallet/email-change/confirm|revert means for the customer. Unknown, expired and
 * used links are worded alike by the server (errors.token) and by the page.
 */
export function emailChangeOutcome(status: number, body: unknown): EmailChangeOutcome {
  if (status === 200 || status === 201) return 'done';
  if (status === 429) return 'too_many';
  if (status === 409) return 'conflict';
  const errors =
    typeof body === 'object' && body !== null && 'errors' in body
      ? (body as { errors?: Record<string, unknown> }).errors
      : undefined;
  if (status === 400 && errors?.token) return 'link_expired';
  return 'unexpected';
}

/** The API refuses non-GET requests without this header and a JSON body (CSRF defence). */
const HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' };

export async function redeemEmailChangeLink(
  step: EmailChangeStep,
  token: string,
): Promise<EmailChangeOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/wallet/email-change/${step}`, {
      method: 'POST',
      headers: HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ token }),
    });
  } catch {
    return 'network';
  }
  const body: unknown = await response.json().catch(() => null);
  return emailChangeOutcome(response.status, body);
}
