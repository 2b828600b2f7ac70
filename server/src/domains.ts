import type { Router } from 'express';
import { accountReadRoutes } from './accounts/accountReadRoutes';
import { activityRoutes } from './accounts/activityRoutes';
import { commandRoutes } from './accounts/commandRoutes';
import { auditRoutes } from './audit/auditRoutes';
import { caseRoutes } from './cases/caseRoutes';
import { handoffRoutes } from './cases/handoffRoutes';
import { dashboardRoutes } from './dashboard/dashboardRoutes';
import type { AppDeps } from './deps';
import { emailChangeRoutes } from './emailChanges/emailChangeRoutes';
import { incidentRoutes } from './incidents/incidentRoutes';
import { lookupRoutes } from './lookup/lookupRoutes';
import { messageRoutes } from './messages/messageRoutes';
import { riskRoutes } from './risk/riskRoutes';
import { twoFactorResetRoutes } from './twoFactorResets/twoFactorResetRoutes';
import { walletRoutes } from './wallet/walletRoutes';

/**
 * Each business domain's router, mounted under /api after authentication is set up. A domain adds
 * itself here; its routes declare their own access rules (see http/routes.ts).
 */
export function domainRouters(deps: AppDeps): Router[] {
  return [
    lookupRoutes(deps),
    accountReadRoutes(deps),
    activityRoutes(deps),
    auditRoutes(deps),
    caseRoutes(deps),
    handoffRoutes(deps),
    commandRoutes(deps),
    walletRoutes(deps),
    messageRoutes(deps),
    emailChangeRoutes(deps),
    riskRoutes(deps),
    dashboardRoutes(deps),
    twoFactorResetRoutes(deps),
    incidentRoutes(deps),
  ];
}
