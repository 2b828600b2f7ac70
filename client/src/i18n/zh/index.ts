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

/** All Simplified Chinese texts; the same modules, in the same order, as en/index.ts (which says where a key goes). */
const zh = mergeMessages(
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

export default zh;
