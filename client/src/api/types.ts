/**
 * The shapes the API answers, as the server code that builds them declares them: type-only imports, so nothing of
 * the server reaches the bundle, and a server view that changes stops the console compiling where it relied on the
 * old shape. The closed vocabularies (statuses, factors, channels) are values both sides need: shared/domain.ts.
 */
import type {
  emailHint,
  revealContact,
  sendPasswordReset,
  unlockAccount,
} from '../../../server/src/accounts/commands';
import type { CaseView, presentCaseSummary } from '../../../server/src/cases/caseView';
import type { listEscalations } from '../../../server/src/cases/escalationQueue';
import type { activeAssignees } from '../../../server/src/cases/handoffRepo';
import type { listImpostorReports } from '../../../server/src/cases/impostorRepo';
import type { requestEmailChange } from '../../../server/src/emailChanges/emailChangeService';
import type { PolicyAction } from '../../../server/src/policy/actionPolicy';
import type { IDENTIFYING_FACTORS } from '../../../server/src/policy/assurance';

export type { AccountView, LockEvent } from '../../../server/src/accounts/accountView';
export type { TransactionView } from '../../../server/src/accounts/activity';
export type { CommandInput } from '../../../server/src/accounts/commandFrame';
export type { AccountLabel, LabelledAuditEvent as AuditEvent } from '../../../server/src/audit/labels';
export type { ChainReport } from '../../../server/src/audit/verify';
export type { ApprovalEvidence } from '../../../server/src/cases/approvalEvidence';
export type { CaseView, NoteView } from '../../../server/src/cases/caseView';
export type { CheckAnswer } from '../../../server/src/cases/checks';
export type { OtpSent } from '../../../server/src/cases/otp';
export type {
  ActionsPerDay,
  AgentDashboard,
  LocksAndUnlocks,
  LookupOutliers,
  SupervisorQueues,
} from '../../../server/src/dashboard/dashboard';
export type { Device, LoginEvent } from '../../../server/src/db/schema';
export type {
  Decision as EmailChangeDecision,
  EmailChangeView,
} from '../../../server/src/emailChanges/emailChangeService';
export type { IncidentView } from '../../../server/src/incidents/incidentRules';
export type { Candidate } from '../../../server/src/lookup/lookup';
export type { LookupBody, LookupField } from '../../../server/src/lookup/lookupQuery';
export type { MessageView } from '../../../server/src/messages/messageRepo';
export type { PolicyAction } from '../../../server/src/policy/actionPolicy';
export type { SecretKind } from '../../../server/src/policy/secretText';
export type { EnrolmentDone, EnrolmentStart } from '../../../server/src/staff/enrolment';
export type { Identity } from '../../../server/src/staff/signIn';
export type {
  StaffMemberView,
  TemporaryPasswordAnswer,
} from '../../../server/src/staff/staffLifecycle';
export type { StaffView } from '../../../server/src/staff/staffRepo';
export type { TwoFactorResetView } from '../../../server/src/twoFactorResets/twoFactorResetService';

/** A row of GET /api/cases: no checks, no policy answers (those come with GET /api/cases/:id). */
export type CaseSummary = ReturnType<typeof presentCaseSummary>;
export type CaseCheck = CaseView['checks'][number];
export type ActionDecision = CaseView['actions'][PolicyAction];
export type IdentifyingFactor = (typeof IDENTIFYING_FACTORS)[number];

/** What the account commands answer: the updated account, or what was sent or shown. */
export type AccountCommandAnswer = Awaited<ReturnType<typeof unlockAccount>>;
export type PasswordResetAnswer = Awaited<ReturnType<typeof sendPasswordReset>>;
export type RevealAnswer = Awaited<ReturnType<typeof revealContact>>;
export type EmailHintAnswer = Awaited<ReturnType<typeof emailHint>>;
export type EmailChangeRequested = Awaited<ReturnType<typeof requestEmailChange>>;

/** A row of the supervisors' queue (GET /api/escalations). */
export type EscalationRecord = Awaited<ReturnType<typeof listEscalations>>['rows'][number];
/** A row of GET /api/impostor-reports: the account's "impostor suspected" signal. */
export type ImpostorReportRecord = Awaited<ReturnType<typeof listImpostorReports>>['rows'][number];
/** A row of GET /api/risk-signals: one takeover warning sign of the account. */
export type { RiskSignalRecord } from '../../../server/src/risk/riskRoutes';
/** Whom a case may be handed to (GET /api/case-assignees). */
export type Assignee = Awaited<ReturnType<typeof activeAssignees>>[number];
