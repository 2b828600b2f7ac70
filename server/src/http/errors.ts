import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from './logger';

export type FieldErrors = Record<string, string>;

/**
 * Why a 403 refused (docs/design.md, Refusals): the access rule of the route (`role_required`), the
 * action policy or a two-person rule (`policy_refused`), or the CSRF guard (`ajax_required`), or
 * /metrics refusing an address outside METRICS_ALLOW (`address_not_allowed`), or a member who still
 * holds a temporary password (`password_change_required`), or one who must enrol an authenticator first
 * (`mfa_enrolment_required`).
 */
export const REFUSAL_CODES = [
  'role_required',
  'policy_refused',
  'ajax_required',
  'cross_site',
  'address_not_allowed',
  'password_change_required',
  'mfa_enrolment_required',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
/** The body of every 403: what is missing, machine-readable (`level:L2`, `role:supervisor`, ...). */
export type Refusal = { message: string; code: RefusalCode; missing: string[] };

/** The one error type domain code throws; the middleware turns it into the JSON shape of docs/design.md, HTTP API. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, errors: FieldErrors = {}) {
    return new AppError(400, message, { errors });
  }
  static field(field: string, message: string) {
    return new AppError(400, `${field}: ${message}`, { errors: { [field]: message } });
  }
  static unauthorized(message = 'Sign in first', extra: Record<string, unknown> = {}) {
    return new AppError(401, message, extra);
  }
  static forbidden(code: RefusalCode, message: string, missing: string[]) {
    return new AppError(403, message, { code, missing } satisfies Omit<Refusal, 'message'>);
  }
  /** The refusal code of a 403, or undefined for any other error. */
  static refusalCode(error: unknown): RefusalCode | undefined {
    return error instanceof AppError && error.status === 403
      ? (error.extra.code as RefusalCode | undefined)
      : undefined;
  }
  static notFound(what: string) {
    return new AppError(404, `${what} not found`);
  }
  static conflict(message: string, extra: Record<string, unknown> = {}) {
    return new AppError(409, message, extra);
  }
  static locked(message: string) {
    return new AppError(423, message);
  }
  /** With retryAfterMs, the answer carries Retry-After (whole seconds, at least 1). */
  static tooMany(message: string, retryAfterMs?: number) {
    const error = new AppError(429, message);
    if (retryAfterMs !== undefined) error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return error;
  }
  retryAfterSeconds?: number;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Parses untrusted input; a failure is a 400 naming each bad field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const errors = fieldErrorsOf(result.error);
    const fields = Object.keys(errors).join(', ');
    throw AppError.badRequest(`Invalid ${where}: ${fields}`, errors);
  }
  return result.data;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(AppError.notFound('Route'));

type HttpishError = { status?: number; statusCode?: number; type?: string; expose?: boolean };

/** Work stopped because the client disconnected: there is no one left to answer. */
export class ClientGone extends Error {
  constructor() {
    super('stopped: the client disconnected');
  }
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = res.locals.requestId as string | undefined;
    if (err instanceof ClientGone) return;
    if (res.headersSent) {
      // A streamed answer failed midway: cut the connection so the client sees it incomplete.
      logger.error('error after the answer started', { requestId, error: String(err?.stack ?? err) });
      res.destroy();
      return;
    }
    if (err instanceof AppError) {
      if (err.retryAfterSeconds) res.set('Retry-After', String(err.retryAfterSeconds));
      res.status(err.status).json({ message: err.message, ...err.extra, requestId });
      return;
    }
    // body-parser and friends: malformed JSON, payload too large, ...
    const httpish = err as HttpishError;
    const status = httpish.status ?? httpish.statusCode;
    if (status && status >= 400 && status < 500) {
      const message = httpish.type === 'entity.parse.failed' ? 'Body is not valid JSON' : 'Bad request';
      res.status(status).json({ message, requestId });
      return;
    }
    logger.error('unhandled error', {
      requestId,
      method: req.method,
      path: req.route?.path ?? req.path,
      error: String(err?.stack ?? err),
    });
    res.status(500).json({ message: 'Internal error', requestId });
  };
}
