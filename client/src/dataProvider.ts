import simpleRestProvider from 'ra-data-simple-rest';
import { type DataProvider, fetchUtils } from 'react-admin';
import type { AuditChainReport } from './audit-events/api';

export const API_URL = '/api';

/**
 * Every request goes through here: the session cookie rides along (same origin only) and the
 * X-Requested-With header the server demands of every state-changing request (CSRF defence).
 * A non-2xx answer rejects with react-admin's HttpError carrying `status` and the JSON `body`.
 */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('X-Requested-With', 'XMLHttpRequest');
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
}

/** POSTs a JSON body to an /api path and returns the parsed answer (custom commands, sign-in). */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return json as T;
}

export async function getJson<T>(path: string): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`);
  return json as T;
}

/** List answers whose Content-Range total is "at least" (`…/10000+`): counting them exactly would be slow. */
const cappedPages = new WeakSet<object>();

function listHttpClient(url: string, options?: fetchUtils.Options) {
  return httpClient(url, options).then((response) => {
    if (response.headers.get('Content-Range')?.endsWith('+') && response.json) cappedPages.add(response.json);
    return response;
  });
}

const restProvider = simpleRestProvider(API_URL, listHttpClient);

/**
 * The console's data provider: ra-data-simple-rest for the resources, plus the custom commands
 * of docs/design.md, HTTP API. A feature adds its methods to this type and to the object below, e.g.
 *   lookup: (body: LookupBody) => postJson<Candidate[]>('/lookup', body),
 * and calls them with `useDataProvider<AppDataProvider>()`.
 */
export type AppDataProvider = DataProvider & {
  verifyAuditChain: () => Promise<AuditChainReport>;
};

export const dataProvider: AppDataProvider = {
  ...restProvider,
  // A capped total becomes react-admin's partial pagination ("1-25 of more than 25", next page on)
  // instead of a false "of 10000".
  getList: async (resource, params) => {
    const result = await restProvider.getList(resource, params);
    if (!cappedPages.has(result.data)) return result;
    const page = params.pagination?.page ?? 1;
    return { data: result.data, pageInfo: { hasNextPage: true, hasPreviousPage: page > 1 } };
  },
  verifyAuditChain: () => getJson<AuditChainReport>('/audit-events/verify'),
};
