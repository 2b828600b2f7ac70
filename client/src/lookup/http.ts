import { HttpError } from 'react-admin';
import { API_URL, httpClient } from '../dataProvider';

/**
 * The journey's commands are not CRUD, so they bypass ra-data-simple-rest but keep the shell's httpClient (cookie,
 * X-Requested-With). Answers come back whole because the lookup needs a header. Errors are react-admin HttpErrors.
 */
export function sendJson(method: 'POST' | 'PUT', path: string, body: unknown) {
  return httpClient(`${API_URL}${path}`, { method, body: JSON.stringify(body) });
}

/** Every 403 carries `code` and `missing: string[]` (role refusals included: `role:supervisor`). */
export type ApiErrorBody = {
  message?: string;
  code?: string;
  missing?: string[];
  errors?: Record<string, string>;
};

export function errorStatus(error: unknown): number | undefined {
  return error instanceof HttpError ? error.status : undefined;
}

export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof HttpError && error.body && typeof error.body === 'object')
    return error.body as ApiErrorBody;
  return {};
}
