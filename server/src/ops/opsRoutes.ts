import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps';
import { defineRoutes, PUBLIC } from '../http/routes';
import { drainingSince } from './lifecycle';
import { readiness } from './readiness';

/** Liveness and readiness for orchestrators: public, no customer data, never cached (under /api). */
export function opsRoutes(deps: AppDeps) {
  return defineRoutes([
    // Liveness: the process answers. A not-ready process is still alive (do not restart it for that).
    { method: 'get', path: '/health', access: PUBLIC, handler: () => ({ status: 'ok' }) },
    {
      method: 'get',
      path: '/ready',
      access: PUBLIC,
      handler: async (_req, res) => {
        const report = await readiness(deps);
        // Sent here: a route's declared status is for success, and not ready is a 503 with a body.
        if (report.status === 'ready') res.json(report);
        else res.status(503).json({ message: report.problems.join('; '), ...report });
      },
    },
  ]);
}

/** While draining, every answer closes its connection, so keep-alive clients reconnect elsewhere. */
export function closeConnectionsWhileDraining(deps: AppDeps): RequestHandler {
  return (_req, res, next) => {
    if (drainingSince(deps) !== null) res.set('Connection', 'close');
    next();
  };
}
