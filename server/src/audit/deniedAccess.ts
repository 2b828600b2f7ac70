import type { ErrorRequestHandler } from 'express';
import { inTransaction } from '../db/client';
import type { AppDeps } from '../deps';
import { auditContext } from '../http/context';
import { AppError } from '../http/errors';
import { appendAudit } from './writer';

/**
 * A signed-in staff member calling a route their role may not use is exactly what the security
 * team wants to see (a curious agent probing), so every such 403 (`code: 'role_required'`) becomes
 * an audit row. See docs/design.md, Refusals.
 */
export function auditDeniedAccess(deps: AppDeps): ErrorRequestHandler {
  return (err, req, _res, next) => {
    // Policy refusals are audited by the command that refused them, in its own transaction.
    if (AppError.refusalCode(err) === 'role_required' && req.user) {
      const { missing } = (err as AppError).extra;
      // The row is written before the refusal goes on to the error middleware, as when this was sync.
      inTransaction(deps.db, (tx) =>
        appendAudit(tx, auditContext(req, deps), {
          action: 'access.denied',
          outcome: 'denied',
          details: { method: req.method, route: req.originalUrl.split('?')[0], missing },
        }),
      ).then(() => next(err), next);
      return;
    }
    next(err);
  };
}
