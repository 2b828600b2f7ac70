/**
 * The one place that speaks HTTP to our API, free of react-admin so the customer pages (/wallet/*) can use it
 * without loading the console. The console's httpClient (./httpClient.ts) builds on apiHeaders() too.
 */
export const API_URL = '/api';

/**
 * The server refuses every non-GET request without X-Requested-With (a cross-site form cannot set it: CSRF
 * defence), so every request gets it here and nowhere else.
 */
export function apiHeaders(headers?: HeadersInit): Headers {
  const out = new Headers(headers ?? { Accept: 'application/json' });
  out.set('X-Requested-With', 'XMLHttpRequest');
  return out;
}

/** fetch() of an /api path with the session cookie (same origin only) and the API's headers. */
export function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${API_URL}${path}`, {
    ...init,
    headers: apiHeaders(init.headers),
    credentials: 'same-origin',
  });
}

/** Any answer of the API, whatever its status: pages that word each status themselves read this. */
export type ApiAnswer = { status: number; body: unknown };

/** POSTs a JSON body; null when the request never got an answer (offline, DNS, reset connection). */
export async function postForAnswer(path: string, body: unknown): Promise<ApiAnswer | null> {
  let response: Response;
  try {
    response = await fetchApi(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The per-field messages of a 400 answer (`errors: { field: message }`), or none. */
export function fieldErrorsOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return {};
  const { errors } = body as { errors?: unknown };
  return typeof errors === 'object' && errors !== null ? (errors as Record<string, unknown>) : {};
}
