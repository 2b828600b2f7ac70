import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from './errors';
import type { Logger } from './logger';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Gives every request an id (echoed as X-Request-Id) and logs method, route, status and time — never the query or body. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        requestId,
        method: req.method,
        // The path without its query string (which may carry a token), with numeric ids folded.
        route: req.originalUrl.split('?')[0]?.replace(/\/\d+(?=\/|$)/g, '/:id'),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        staffId: req.user?.id,
      });
    });
    next();
  };
}

/**
 * Whether a state-changing request comes from our own pages. Browsers send Sec-Fetch-Site (and
 * Origin on every non-GET fetch); when present they must say same-origin. Clients that send
 * neither (curl, the CLIs, tests) are judged by the header and content-type checks below.
 */
function crossSite(req: Parameters<RequestHandler>[0], allowedOrigins: ReadonlySet<string>): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin') return true;
  const origin = req.get('origin');
  if (!origin) return false;
  const own = `${req.protocol}://${req.get('host') ?? ''}`;
  return origin !== own && !allowedOrigins.has(origin);
}

/**
 * CSRF defence for a cookie-authenticated JSON API: a cross-site request is refused, and a
 * cross-site form cannot set custom headers or a JSON content type, so every state-changing
 * request must carry both. `publicUrl` (PUBLIC_URL) is our origin as the browser sees it behind a proxy.
 */
export const requireAjaxJson =
  (publicUrl?: string): RequestHandler =>
  (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const allowed = new Set(publicUrl ? [new URL(publicUrl).origin] : []);
    if (crossSite(req, allowed))
      return next(AppError.forbidden('cross_site', 'Cross-site request refused', ['origin:same']));
    return checkAjaxJson(req, next);
  };

function checkAjaxJson(req: Parameters<RequestHandler>[0], next: Parameters<RequestHandler>[2]) {
  if (req.get('x-requested-with') !== 'XMLHttpRequest') {
    return next(
      AppError.forbidden('ajax_required', 'Missing header X-Requested-With: XMLHttpRequest', [
        'header:X-Requested-With',
      ]),
    );
  }
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    return next(new AppError(415, 'Content-Type must be application/json'));
  }
  next();
}

/** Longer addresses than any screen builds: answered in the JSON error shape before routing. */
export const MAX_URL_LENGTH = 4096;
export const limitUrlLength: RequestHandler = (req, _res, next) => {
  if (req.originalUrl.length > MAX_URL_LENGTH) return next(new AppError(414, 'Address too long'));
  next();
};

/** Nothing under /api may be cached by the browser or a proxy: responses carry customer data. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
