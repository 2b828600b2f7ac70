import { fetchUtils, HttpError } from 'react-admin';
import { API_URL, apiHeaders } from './http';

/**
 * The console's requests: ra-data-simple-rest's and the custom data-provider methods'. The session cookie rides
 * along (same origin only) with the API's headers; a non-2xx answer rejects with react-admin's HttpError carrying
 * `status` and the JSON `body`.
 */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  return fetchUtils.fetchJson(url, {
    ...options,
    headers: apiHeaders(options.headers),
    credentials: 'same-origin',
  });
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
