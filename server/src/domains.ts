import type { Router } from 'express';
import type { AppDeps } from './deps';

/**
 * Each business domain's router, mounted under /api after authentication is set up. A domain adds
 * itself here; its routes declare their own access rules (see http/routes.ts).
 */
export function domainRouters(_deps: AppDeps): Router[] {
  return [];
}
