import type { Router } from 'express';
import { auditRoutes } from './audit/auditRoutes';
import type { AppDeps } from './deps';

/**
 * Each business domain's router, mounted under /api after authentication is set up. A domain adds
 * itself here; its routes declare their own access rules (see http/routes.ts).
 */
export function domainRouters(deps: AppDeps): Router[] {
  return [auditRoutes(deps)];
}
