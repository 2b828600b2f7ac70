import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { auditDeniedAccess } from './audit/deniedAccess';
import { trustProxySetting } from './config';
import type { AppDeps } from './deps';
import { domainRouters } from './domains';
import { errorHandler, notFoundHandler } from './http/errors';
import { limitUrlLength, noStore, requestLog, requireAjaxJson } from './http/guards';
import { idempotentCreates } from './http/idempotency';
import { staticFiles } from './http/staticFiles';
import { createMetrics } from './ops/metrics';
import { closeConnectionsWhileDraining, opsRoutes } from './ops/opsRoutes';
import { authRoutes } from './staff/authRoutes';
import { absoluteTimeout, configurePassport, sessionMiddleware } from './staff/session';
import { staffRoutes } from './staff/staffRoutes';

export type AppOptions = { clientDir?: string };

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(deps.config.TRUST_PROXY));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          // MUI (emotion) injects style tags at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(requestLog(deps.logger));
  app.use(limitUrlLength);
  const metrics = createMetrics(deps);
  app.use(metrics.httpMiddleware);
  app.use(closeConnectionsWhileDraining(deps));
  app.get('/metrics', metrics.handler);

  const api = express.Router();
  api.use(noStore);
  api.use(requireAjaxJson(deps.config.PUBLIC_URL));
  api.use(express.json({ limit: '100kb' }));
  api.use(sessionMiddleware(deps));
  const passport = configurePassport(deps);
  api.use(passport.initialize());
  api.use(passport.session());
  api.use(absoluteTimeout(deps));
  // After the session: keys are per staff member. Before every route: a repeat never reaches one.
  api.use(idempotentCreates(deps));

  api.use(opsRoutes(deps));
  api.use(authRoutes(deps, passport));
  api.use(staffRoutes(deps));
  for (const router of domainRouters(deps)) api.use(router);
  api.use(notFoundHandler);
  app.use('/api', api);

  const clientDir = options.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    app.use(...staticFiles(clientDir));
    // SPA fallback: console routes and the customer pages under /wallet/* are client-side routes.
    app.get(/^(?!\/api\/).*/, (_req, res) =>
      res.sendFile(join(clientDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }),
    );
  }
  app.use(notFoundHandler);
  app.use(auditDeniedAccess(deps));
  app.use(errorHandler(deps.logger));
  return app;
}
