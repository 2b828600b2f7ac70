import { fetchUtils, HttpError } from 'react-admin';
import { API_URL, apiHeaders } from './http';

/**
 * The console's requests: ra-data-simple-rest's and the custom data-provider methods'. The session cookie rides
 * along (same origin only) with the API's headers; a non-2xx answer rejects with react-admin's HttpError carrying
 * `status` and the JSON `body`.
 */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = apiHeaders(options.headers);
  const settle = options.method === 'POST' ? intentKey(url, options.body, headers) : undefined;
  const answer = fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
  if (settle) answer.then(settle, settle);
  return answer;
}

/** How long after an identical POST was answered a repeat still counts as the same click (a double click). */
const SAME_INTENT_MS = 3_000;
const intents = new Map<string, { key: string; settledAt: number | null }>();

/**
 * One Idempotency-Key per user intent (docs/design.md, Idempotent creates): an identical POST sent while
 * the first is running or within SAME_INTENT_MS of its answer — a double click, a doubled Enter — carries
 * the first one's key, so the server answers it with the first answer and does nothing twice. Returns the
 * function that marks the request answered.
 */
function intentKey(url: string, body: fetchUtils.Options['body'], headers: Headers) {
  const fingerprint = `${url}\n${typeof body === 'string' ? body : ''}`;
  const now = Date.now();
  for (const [print, intent] of intents) {
    if (intent.settledAt !== null && now - intent.settledAt > SAME_INTENT_MS) intents.delete(print);
  }
  let intent = intents.get(fingerprint);
  if (!intent) {
    intent = { key: crypto.randomUUID(), settledAt: null };
    intents.set(fingerprint, intent);
  }
  headers.set('Idempotency-Key', intent.key);
  const current = intent;
  return () => {
    current.settledAt = Date.now();
  };
}

/** Sends a JSON body to an /api path; the whole answer, for the callers that read a header too. */
export function sendJson(method: 'POST' | 'PUT', path: string, body: unknown = {}) {
  return httpClient(`${API_URL}${path}`, { method, body: JSON.stringify(body) });
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return (await sendJson('POST', path, body)).json as T;
}

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  return (await sendJson('PUT', path, body)).json as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await httpClient(`${API_URL}${path}`)).json as T;
}

/**
 * What an error answer says (docs/design.md, HTTP API): a message, a machine `code` (every 403 is a Refusal of
 * server/src/http/errors.ts: `code` plus `missing: string[]`, role refusals included), the fields at fault (400),
 * the current version (stale 409).
 */
export type ApiErrorBody = {
  message?: string;
  code?: string;
  missing?: string[];
  errors?: Record<string, string>;
  currentVersion?: number;
};

export function errorStatus(error: unknown): number | undefined {
  return error instanceof HttpError ? error.status : undefined;
}

export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof HttpError && error.body && typeof error.body === 'object')
    return error.body as ApiErrorBody;
  return {};
}
