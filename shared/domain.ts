/**
 * The domain's closed vocabularies, compiled by the server (database enums, request schemas) and by the console
 * (filters, chips, checklists) alike: written once here so the two cannot drift. No imports, no I/O: the client
 * bundle takes this file as it is. The shapes the API answers stay with the server code that builds them; the
 * console imports those with `import type` (client/src/api/types.ts).
 */

export const STAFF_ROLES = ['agent', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ACCOUNT_STATUSES = ['active', 'locked', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const LOCK_REASONS = [
  'failed_attempts',
  'suspicious_activity',
  'terms_violation',
  'customer_request',
] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

export const SIGN_IN_OUTCOMES = ['success', 'failure', 'locked_out', 'blocked'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export const CASE_CHANNELS = ['phone', 'email', 'chat', 'social'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const VERIFICATION_FACTORS = [
  'full_name',
  'date_of_birth',
  'phone',
  'email',
  'national_id_last4',
  'recent_transaction',
  'sms_otp',
  'email_otp',
] as const;
export type VerificationFactor = (typeof VERIFICATION_FACTORS)[number];

/** Where a one-time code goes: the registered phone or email (factor `<channel>_otp`). */
export const OTP_CHANNELS = ['sms', 'email'] as const;
export type OtpChannel = (typeof OTP_CHANNELS)[number];

/** The seed help article's first-line steps, ticked on the case. */
export const TROUBLESHOOTING_STEPS = ['network', 'browserCache', 'serviceStatus'] as const;
export type Troubleshooting = Record<(typeof TROUBLESHOOTING_STEPS)[number], boolean>;

export const EMAIL_CHANGE_STATUSES = [
  'pending_approval',
  'awaiting_confirmation',
  'completed',
  'rejected',
  'expired',
  'reverted',
] as const;
export type EmailChangeStatus = (typeof EMAIL_CHANGE_STATUSES)[number];

/**
 * A two-factor reset (docs/design.md, Two-factor reset): filed at L3 without the lost factor, decided by a
 * supervisor other than the requester; approval completes it at once (no customer step).
 */
export const TWO_FACTOR_RESET_STATUSES = ['pending_approval', 'completed', 'rejected', 'expired'] as const;
export type TwoFactorResetStatus = (typeof TWO_FACTOR_RESET_STATUSES)[number];

/**
 * The parts of the service an incident can affect (docs/design.md, Service status): a supervisor ticks them; the
 * account hint reads only the parts a sign-in goes through.
 */
export const INCIDENT_PARTS = ['sign_in', 'sms', 'email', 'payments'] as const;
export type IncidentPart = (typeof INCIDENT_PARTS)[number];

/** What a customer's link is for, and all a customer page may learn of it before use (POST /wallet/token-status). */
export const TOKEN_PURPOSES = ['password_reset', 'email_confirm', 'email_revert'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
export const TOKEN_STATES = ['valid', 'used', 'expired', 'unknown'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What staff read, and their signing in and refusals: in the trail, but not "my last actions" (agent dashboard). */
export const READING_ACTIONS = [
  'account.view',
  'account.lookup',
  'staff.sign_in',
  'staff.sign_out',
  'staff.mfa',
  'access.denied',
] as const;

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** How a case ends (docs/design.md, Resolutions). */
export const CASE_RESOLUTIONS = [
  'unlocked',
  'reset_sent',
  'email_changed',
  'two_factor_reset_filed',
  'information_only',
  'referred',
  'impostor_suspected',
  'caller_hung_up',
] as const;
export type CaseResolution = (typeof CASE_RESOLUTIONS)[number];

/** null: not escalated (or handed back); waiting: in the supervisors' queue; taken: a supervisor owns it. */
export const ESCALATION_STATES = ['waiting', 'taken'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

/**
 * Takeover risk signals of an account (docs/design.md, Risk signals), computed from its own data. The action
 * policy takes them as input; a refusal they cause names them in `missing` as `risk:<code>`.
 */
export const RISK_SIGNALS = [
  'phone_changed',
  'email_changed',
  'password_reset',
  'new_device',
  'new_country',
  'email_change_reverted',
  'several_agents',
  'failed_verifications',
  'impostor_suspected',
] as const;
export type RiskSignalCode = (typeof RISK_SIGNALS)[number];

/**
 * Limits per customer, never only per case (docs/design.md, Limits per customer; issue 7 finding 4): a new
 * case, a second agent account or 40 parallel requests do not reset them.
 */
/** Mismatched checks on one account, across its cases and agents, that freeze its verification. */
export const FREEZE_AFTER_MISMATCHES = 3;
/** The window those mismatches are counted in (and since the last supervisor review). */
export const MISMATCH_WINDOW_MS = 24 * 3_600_000;
/** One-time codes per account, every channel and case together: a short and a daily allowance. */
export const CODE_LIMITS = [
  { limit: 3, windowMs: 15 * 60_000 },
  { limit: 10, windowMs: 24 * 3_600_000 },
] as const;
/** Customer notices about agent actions: at most one message per account in this time; later ones are listed together. */
export const NOTICE_COALESCE_MS = 5 * 60_000;

/**
 * Every action the audit trail records (docs/design.md, Audit chain). The writer takes only these, so a new
 * action is added here first; the console translates each one and offers each in the trail's Action filter
 * (client/src/i18n/i18n.test.ts fails on one without a translation in both languages).
 */
export const AUDIT_ACTIONS = [
  'access.denied',
  'staff.sign_in',
  'staff.sign_out',
  'staff.mfa',
  'staff.password_change',
  'staff.create',
  'staff.update',
  'staff.disable',
  'staff.enable',
  'staff.reset_password',
  'staff.unlock',
  'staff.reset_mfa',
  'staff.mfa_enrol',
  'staff.recovery_code_use',
  'staff.recovery_codes_regenerate',
  'account.lookup',
  'account.lookup_variation',
  'account.view',
  'account.activity_view',
  'account.reveal',
  'account.email_hint',
  'account.unlock',
  'account.hold',
  'account.sign_out_devices',
  'account.sign_out_device',
  'account.password_reset',
  'account.email_change_request',
  'account.two_factor_reset_request',
  'account.import',
  'case.open',
  'case.check',
  'case.otp',
  'case.frozen',
  'case.unfreeze',
  'case.troubleshooting',
  'case.close',
  'case.note',
  'case.escalate',
  'case.take',
  'case.return',
  'case.transfer',
  'email_change.approve',
  'email_change.reject',
  'email_change.expire',
  'two_factor_reset.approve',
  'two_factor_reset.reject',
  'incident.post',
  'incident.update',
  'incident.resolve',
  'message.resend',
  'wallet.auto_lock',
  'wallet.password_reset',
  'wallet.forgot_password',
  'wallet.email_change_confirm',
  'wallet.email_change_revert',
  'wallet.email_change_cancel',
  'audit.verify',
  'audit.export',
  'retention.purge',
  'bench.command',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
