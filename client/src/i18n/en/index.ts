import { mergeMessages } from '../merge';
import accountActivity from './accountActivity';
import accountTimeline from './accountTimeline';
import app from './app';
import approvalEvidence from './approvalEvidence';
import audit from './audit';
import auditActions from './auditActions';
import auditExport from './auditExport';
import callPanel from './callPanel';
import customerLimits from './customerLimits';
import dashboard from './dashboard';
import devices from './devices';
import emailChange from './emailChange';
import escalation from './escalation';
import focus from './focus';
import incidents from './incidents';
import journey from './journey';
import lookup from './lookup';
import lookupLimits from './lookupLimits';
import messagesSent from './messagesSent';
import ra from './ra';
import risk from './risk';
import selfService from './selfService';
import staff from './staff';
import staffMfa from './staffMfa';
import twoFactorReset from './twoFactorReset';
import wallet from './wallet';

/**
 * All English texts. A feature adds its own `en/<feature>.ts` (and `zh/<feature>.ts`) and one
 * import plus one argument below; i18n.test.ts then checks the Chinese side has the same keys.
 *
 * Where a key goes:
 * - `resources.<name>.*`, react-admin's convention, for the pages of one resource: its name (menu,
 *   titles), fields, filters, statuses and its own buttons (email-changes, audit-events, staff).
 * - `journey.*` for the agent's call workspace (journey 1 of docs/design.md): Find customer, then
 *   the account page, which puts one account, its open case (verification checklist, troubleshooting),
 *   its sign-ins, devices and transactions and the account commands on one screen. Those texts belong
 *   to that screen and its steps, not to any one resource, and the same words serve several of them
 *   (a factor's name is the lookup field, the check input and the refusal "needs …"); the refusal and
 *   error sentences every command shows (`journey.missing.*`, `journey.errors.*`) live here too.
 *   The journey's resources still have their `resources.<name>.name` (en/journey.ts).
 * - `app.*` for the shell (sign-in, language, dashboard, roles) and the customer pages (`app.wallet.*`,
 *   read without react-admin).
 */
const en = mergeMessages(
  ra,
  app,
  staff,
  journey,
  lookup,
  wallet,
  audit,
  emailChange,
  escalation,
  messagesSent,
  risk,
  callPanel,
  selfService,
  devices,
  auditActions,
  auditExport,
  customerLimits,
  accountActivity,
  accountTimeline,
  approvalEvidence,
  focus,
  dashboard,
  lookupLimits,
  twoFactorReset,
  incidents,
  staffMfa,
);

export default en;
