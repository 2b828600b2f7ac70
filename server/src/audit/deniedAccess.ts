import type { ErrorRequestHandler } from 'express';
import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { auditContext } from '../http/context';
import { AppError } from '../http/errors';
import { appendAudit } from './writer';

/**
 * A signed-in staff member calling a route their role may not use is exactly what the security
 * team wants to see (a curious agent probing), so every such 403 becomes an audit row.
 */
export function auditDeniedAccess(deps: AppDeps): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (err instanceof AppError && err.status === 403 && err.extra.missing && req.user) {
      const missing = err.extra.missing as { role?: unknown };
      if (missing.role) {
        inTransaction(deps.db, (tx) =>
          appendAudit(tx, auditContext(req, deps), {
            action: 'access.denied',
            outcome: 'denied',
            details: { method: req.method, route: req.originalUrl.split('?')[0], missing },
          }),
        );
      }
    }
    next(err);
  };
}
