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
 * CSRF defence for a cookie-authenticated JSON API: a cross-site form cannot set custom headers
 * or a JSON content type, so every state-changing request must carry both.
 */
export const requireAjaxJson: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
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
};

/** Nothing under /api may be cached by the browser or a proxy: responses carry customer data. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
