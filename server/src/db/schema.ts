import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  ACCOUNT_STATUSES,
  AUDIT_OUTCOMES,
  CASE_CHANNELS,
  CASE_RESOLUTIONS,
  EMAIL_CHANGE_STATUSES,
  ESCALATION_STATES,
  LOCK_REASONS,
  MESSAGE_STATUSES,
  OTP_CHANNELS,
  READING_ACTIONS,
  SIGN_IN_OUTCOMES,
  STAFF_ROLES,
  TOKEN_PURPOSES,
  TWO_FACTOR_RESET_STATUSES,
  VERIFICATION_FACTORS,
} from '../../../shared/domain';

// Times are UTC milliseconds since the epoch: they sort, compare and survive JSON without parsing.
const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

// The vocabularies live in shared/domain.ts (the console compiles them too); re-exported for the server's code.
export * from '../../../shared/domain';

export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  // Base32 TOTP secret; null means the staff member signs in with a password alone.
  totpSecret: text('totp_secret'),
  // The last TOTP time step accepted: a code from that step or an earlier one is refused (no replay).
  totpLastStep: integer('totp_last_step'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  // Set with a temporary password (created or reset by a supervisor): until the member chooses their own,
  // every route but the password change refuses them (docs/design.md, Staff lifecycle).
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  // A temporary password stops working after this time (UTC ms); null for a password the member chose.
  temporaryPasswordUntil: integer('temporary_password_until'),
  lastSignInAt: integer('last_sign_in_at'),
  createdAt: integer('created_at').notNull().default(now),
});

/**
 * Failed-sign-in counters, one row per key (a staff username and network, a network, a username, a
 * wallet login nobody owns). Keys hold keyed hashes, never what was typed; each attempt is counted
 * by one atomic upsert before its password is checked, so parallel requests cannot overtake it.
 */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});

/** Networks (IP addresses) a staff member has completed a sign-in from: a lock-out by others elsewhere spares them. */
export const staffNetworks = sqliteTable(
  'staff_networks',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    ip: text('ip').notNull(),
    lastSuccessAt: integer('last_success_at').notNull(),
  },
  (t) => [uniqueIndex('staff_networks_staff_ip').on(t.staffId, t.ip)],
);

/**
 * A staff member's single-use recovery codes (docs/design.md, Staff TOTP enrolment): ten made at enrolment or
 * regeneration, shown once, kept only as keyed hashes (HMAC-SHA256 with the PII key, so a reader of the
 * database can neither read nor test them). Using one sets `used_at` with a compare-and-set: one request wins.
 */
export const staffRecoveryCodes = sqliteTable(
  'staff_recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [uniqueIndex('staff_recovery_codes_staff_hash').on(t.staffId, t.codeHash)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    data: text('data').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_expires_at').on(t.expiresAt)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountNumber: text('account_number').notNull(),
    fullName: text('full_name').notNull(),
    // Normalised, order-independent form of the name (see lookup normalisation) so "Núñez, José" finds "José Núñez".
    nameKey: text('name_key').notNull(),
    // The name as a Latin keyboard spells it (pinyin, transliteration) and those words run together; null
    // for Latin names. Written with name_key by policy/normalize.ts nameForms (docs/design.md, finding by name).
    nameLatin: text('name_latin'),
    nameLatinKey: text('name_latin_key'),
    dateOfBirth: text('date_of_birth').notNull(), // YYYY-MM-DD
    phone: text('phone').notNull(), // E.164
    email: text('email').notNull(),
    emailNorm: text('email_norm').notNull(),
    nationalIdHash: text('national_id_hash').notNull(),
    nationalIdLast4: text('national_id_last4').notNull(),
    country: text('country').notNull(), // ISO 3166-1 alpha-2
    passwordHash: text('password_hash').notNull(),
    twoFactorEnabled: integer('two_factor_enabled', { mode: 'boolean' }).notNull().default(false),
    // Set when support reset the second factor (lost device): the wallet asks for a new enrolment at sign-in.
    twoFactorEnrolRequired: integer('two_factor_enrol_required', { mode: 'boolean' })
      .notNull()
      .default(false),
    socialProvider: text('social_provider'),
    status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
    lockReason: text('lock_reason', { enum: LOCK_REASONS }),
    lockedAt: integer('locked_at'),
    // null while locked means "until support unlocks it".
    lockedUntil: integer('locked_until'),
    lockedBy: integer('locked_by').references(() => staff.id),
    failedSignInCount: integer('failed_sign_in_count').notNull().default(0),
    passwordChangedAt: integer('password_changed_at'),
    // When the registered phone last changed (set by the wallet or an import): a risk signal for 7 days.
    phoneChangedAt: integer('phone_changed_at'),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('accounts_account_number').on(t.accountNumber),
    index('accounts_name_key').on(t.nameKey),
    index('accounts_name_latin_key').on(t.nameLatinKey).where(sql`${t.nameLatinKey} IS NOT NULL`),
    index('accounts_phone').on(t.phone),
    index('accounts_email_norm').on(t.emailNorm),
    // The name's columns ride along so a lookup scores a birthday's or a last 4's accounts by name from
    // the index alone (lookupRepo.ts NAMED_PROBES), without reading their rows.
    index('accounts_date_of_birth_names').on(t.dateOfBirth, t.nameKey, t.nameLatinKey, t.nameLatin),
    index('accounts_national_id_last4_names').on(t.nationalIdLast4, t.nameKey, t.nameLatinKey, t.nameLatin),
    index('accounts_status').on(t.status, t.lockReason),
  ],
);

export const loginEvents = sqliteTable(
  'login_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    at: integer('at').notNull(),
    // success | failure (wrong password) | locked_out (this failure locked the account) | blocked (tried while locked)
    outcome: text('outcome', { enum: SIGN_IN_OUTCOMES }).notNull(),
    ip: text('ip').notNull(),
    device: text('device').notNull(),
    country: text('country').notNull(),
  },
  (t) => [index('login_events_account_at').on(t.accountId, t.at)],
);

export const devices = sqliteTable(
  'devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    label: text('label').notNull(),
    lastIp: text('last_ip').notNull(),
    lastCountry: text('last_country').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('devices_account').on(t.accountId, t.label)],
);

export const transactions = sqliteTable(
  'transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    at: integer('at').notNull(),
    counterparty: text('counterparty'),
  },
  (t) => [index('transactions_account_at').on(t.accountId, t.at)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    openedBy: integer('opened_by')
      .notNull()
      .references(() => staff.id),
    channel: text('channel', { enum: CASE_CHANNELS }).notNull(),
    subject: text('subject'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    resolution: text('resolution', { enum: CASE_RESOLUTIONS }),
    level: integer('level').notNull().default(0),
    mismatchCount: integer('mismatch_count').notNull().default(0),
    verificationFrozen: integer('verification_frozen', { mode: 'boolean' }).notNull().default(false),
    // JSON object of troubleshooting step -> ticked (network, cache, service status).
    troubleshooting: text('troubleshooting').notNull().default('{}'),
    openedAt: integer('opened_at').notNull().default(now),
    closedAt: integer('closed_at'),
    updatedAt: integer('updated_at').notNull().default(now),
    // Who acts on the case now (docs/design.md, Case ownership and escalation). Always set: the
    // opener at first, backfilled from opened_by for older rows (SQLite cannot add a NOT NULL reference).
    ownerId: integer('owner_id').references(() => staff.id),
    escalation: text('escalation', { enum: ESCALATION_STATES }),
    escalatedBy: integer('escalated_by').references(() => staff.id),
    escalatedAt: integer('escalated_at'),
    escalationReason: text('escalation_reason'),
    takenAt: integer('taken_at'),
  },
  (t) => [
    index('cases_account').on(t.accountId),
    index('cases_opened_by').on(t.openedBy, t.openedAt),
    index('cases_owner').on(t.ownerId, t.openedAt),
    index('cases_escalation').on(t.escalation, t.escalatedAt),
    index('cases_escalated_by').on(t.escalatedBy, t.escalatedAt),
    // The dashboards' queues (docs/design.md, Dashboards): a member's open cases, oldest first, and the
    // frozen verifications waiting for a supervisor, each read without touching closed cases.
    index('cases_owner_open').on(t.ownerId, t.openedAt).where(sql`${t.status} = 'open'`),
    index('cases_frozen_open')
      .on(t.updatedAt)
      .where(sql`${t.verificationFrozen} = true and ${t.status} = 'open'`),
  ],
);

/** Notes staff write on a case: never edited or deleted (triggers refuse it); a correction is a new note. */
export const caseNotes = sqliteTable(
  'case_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    // The case's account, kept on the note so the account timeline reads notes without a join.
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => staff.id),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('case_notes_case').on(t.caseId, t.id),
    index('case_notes_account').on(t.accountId, t.createdAt),
  ],
);

export const HANDOFF_KINDS = ['escalate', 'take', 'return', 'transfer'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

/** Every change of a case's owner (or its entry into the queue): who had it, who got it. Append-only. */
export const caseHandoffs = sqliteTable(
  'case_handoffs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: HANDOFF_KINDS }).notNull(),
    fromStaff: integer('from_staff')
      .notNull()
      .references(() => staff.id),
    // null for 'escalate': the case goes to the queue, not to a person.
    toStaff: integer('to_staff').references(() => staff.id),
    reason: text('reason'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('case_handoffs_case').on(t.caseId, t.id),
    index('case_handoffs_from').on(t.fromStaff, t.caseId),
    index('case_handoffs_to').on(t.toStaff, t.caseId),
  ],
);

/**
 * "This caller was not the owner": an agent closed a case as impostor suspected. A risk signal of the
 * account (risk-signal code `impostor_suspected`), read by the risk signals and the dashboards.
 */
export const impostorReports = sqliteTable(
  'impostor_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => staff.id),
    // Whether the agent also held the account.
    held: integer('held', { mode: 'boolean' }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('impostor_reports_account').on(t.accountId, t.at), index('impostor_reports_at').on(t.at)],
);

/**
 * What lookups said about an account they pinned by a unique detail (account number, email or phone): per
 * other detail given, a keyed hash of its normalised value, whether it matched and whether it varied from a
 * value given earlier (docs/design.md, Lookup limits). Varied rows count as mismatches of the account's
 * verification; values themselves are never stored.
 */
export const lookupPins = sqliteTable(
  'lookup_pins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    field: text('field').notNull(),
    valueHash: text('value_hash').notNull(),
    matched: integer('matched', { mode: 'boolean' }).notNull(),
    varied: integer('varied', { mode: 'boolean' }).notNull(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    at: integer('at').notNull(),
  },
  (t) => [index('lookup_pins_account').on(t.accountId, t.field, t.at)],
);

export const verificationChecks = sqliteTable(
  'verification_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    factor: text('factor', { enum: VERIFICATION_FACTORS }).notNull(),
    matched: integer('matched', { mode: 'boolean' }).notNull(),
    // 'typed' by the agent during the call or carried over from the 'lookup' the case was opened from.
    source: text('source', { enum: ['typed', 'lookup'] })
      .notNull()
      .default('typed'),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    at: integer('at').notNull().default(now),
  },
  (t) => [index('verification_checks_case').on(t.caseId)],
);

export const oneTimeCodes = sqliteTable(
  'one_time_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    channel: text('channel', { enum: OTP_CHANNELS }).notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('one_time_codes_case').on(t.caseId, t.channel),
    // The per-account code limits (shared/domain.ts CODE_LIMITS) count here.
    index('one_time_codes_account').on(t.accountId, t.createdAt),
  ],
);

export { TOKEN_PURPOSES, type TokenPurpose } from '../../../shared/domain';

/**
 * Verification of an account frozen by mismatches across its cases (docs/design.md, Limits per customer):
 * open while reviewedAt is null; reviewed by a supervisor other than the staff member whose check froze it.
 */
export const verificationFreezes = sqliteTable(
  'verification_freezes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    // The case whose check froze it; null when lookups that varied a detail did (lookup/lookupVariation.ts).
    caseId: integer('case_id').references(() => cases.id),
    frozenBy: integer('frozen_by')
      .notNull()
      .references(() => staff.id),
    frozenAt: integer('frozen_at').notNull(),
    mismatchCount: integer('mismatch_count').notNull(),
    reviewedBy: integer('reviewed_by').references(() => staff.id),
    reviewedAt: integer('reviewed_at'),
    reviewReason: text('review_reason'),
    // The last check the review covered: mismatches count again from the next one (a clock shared by
    // a check and the review cannot put one on the wrong side).
    reviewedThroughCheckId: integer('reviewed_through_check_id'),
  },
  (t) => [index('verification_freezes_account').on(t.accountId, t.reviewedAt)],
);

export const customerTokens = sqliteTable(
  'customer_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
    // SHA-256 of the token: a database reader cannot redeem a link.
    tokenHash: text('token_hash').notNull(),
    emailChangeId: integer('email_change_id'),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('customer_tokens_hash').on(t.tokenHash),
    index('customer_tokens_account').on(t.accountId),
  ],
);

export const emailChanges = sqliteTable(
  'email_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => staff.id),
    oldEmail: text('old_email').notNull(),
    newEmail: text('new_email').notNull(),
    status: text('status', { enum: EMAIL_CHANGE_STATUSES }).notNull().default('pending_approval'),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => staff.id),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    confirmedAt: integer('confirmed_at'),
    revertUntil: integer('revert_until'),
    revertedAt: integer('reverted_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('email_changes_status').on(t.status, t.createdAt),
    index('email_changes_account').on(t.accountId),
  ],
);

/** A reset of the customer's second factor, awaiting (or past) a second person's decision. */
export const twoFactorResets = sqliteTable(
  'two_factor_resets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => staff.id),
    status: text('status', { enum: TWO_FACTOR_RESET_STATUSES }).notNull().default('pending_approval'),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => staff.id),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('two_factor_resets_status').on(t.status, t.createdAt),
    index('two_factor_resets_account').on(t.accountId),
  ],
);

/**
 * The partial index's condition and the dashboard query's, word for word: both engines use a partial index
 * only for a query whose condition contains the index's own.
 */
export const NOT_READING_ACTION = `action NOT IN (${READING_ACTIONS.map((a) => `'${a}'`).join(', ')})`;

/**
 * A service incident a supervisor posted (docs/design.md, Service status): what customers read on the wallet's
 * status page in both languages, which parts it affects, and when. Agents see an active one (started, not
 * resolved) as a banner, and on an account whose failed sign-ins fall inside it. Never deleted; resolving ends it.
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    titleEn: text('title_en').notNull(),
    titleZh: text('title_zh').notNull(),
    customerTextEn: text('customer_text_en').notNull(),
    customerTextZh: text('customer_text_zh').notNull(),
    // The affected parts (INCIDENT_PARTS), comma-separated in their list order: a handful of words, never queried.
    affected: text('affected').notNull(),
    startsAt: integer('starts_at').notNull(),
    expectedEndAt: integer('expected_end_at'),
    resolvedAt: integer('resolved_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => staff.id),
    resolvedBy: integer('resolved_by').references(() => staff.id),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('incidents_open').on(t.resolvedAt, t.startsAt)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    caseId: integer('case_id').references(() => cases.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    template: text('template').notNull(),
    // The real address is needed to deliver; the API only ever returns recipientMasked.
    recipient: text('recipient').notNull(),
    recipientMasked: text('recipient_masked').notNull(),
    language: text('language', { enum: ['en', 'zh'] }).notNull(),
    subject: text('subject').notNull(),
    // As stored: a link's token and a one-time code are redacted (docs/design.md, Messages). Never returned by the API.
    body: text('body').notNull(),
    // The text as it will be sent, AES-256-GCM sealed (messages/sealedBody.ts) while it carries a live link
    // or code; wiped (null) once delivered or given up on.
    sealedBody: text('sealed_body'),
    // A notice about agent actions still waiting to go: the events it lists, as JSON (messages/notices.ts).
    noticeEvents: text('notice_events'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('messages_account').on(t.accountId, t.createdAt),
    index('messages_due').on(t.status, t.nextAttemptAt),
  ],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: integer('actor_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    caseId: integer('case_id'),
    reason: text('reason'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: text('details').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // The audit list sorts newest first by (at, id); each single filter has an index that leads with it and
    // ends with `at` (the rowid trails every index), so any one filter is a seek that reads rows already in
    // order: no temp B-tree, no scan. server/test/audit-scale.test.ts holds every filter to this.
    index('audit_events_at').on(t.at),
    index('audit_events_actor').on(t.actorId, t.at),
    index('audit_events_action').on(t.action, t.at),
    index('audit_events_outcome').on(t.outcome, t.at),
    index('audit_events_target').on(t.targetType, t.targetId, t.at),
    // The target type alone (the console's "Target type" filter): without it, "account" sorted 1.5 M rows.
    index('audit_events_target_type').on(t.targetType, t.at),
    index('audit_events_target_id').on(t.targetId, t.at),
    index('audit_events_case').on(t.caseId, t.at),
    // A member's last actions (agent dashboard) skip what they read; through audit_events_actor a busy agent's
    // 700,000 lookups were walked to find 20 actions (196 ms on the event loop). Partial: lookups and views,
    // most of the trail, never enter it.
    index('audit_events_actor_actions').on(t.actorId, t.at).where(sql.raw(NOT_READING_ACTION)),
  ],
);

/**
 * The trail counted per UTC day, action, outcome, staff member and subject (the lock reason an unlock
 * lifted, else ''): the supervisors' dashboard reads these few thousand rows instead of scanning millions
 * of events (docs/design.md, Dashboards). Written by the audit writer in the event's own transaction, so a
 * count never disagrees with the trail it counts; derived, so it holds nothing the trail does not.
 */
export const auditDailyCounts = sqliteTable(
  'audit_daily_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // UTC day number: floor(at / 86,400,000).
    day: integer('day').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    // 0 when no staff member acted (the wallet, the retention job).
    actorId: integer('actor_id').notNull(),
    subject: text('subject').notNull().default(''),
    count: integer('count').notNull(),
  },
  (t) => [
    uniqueIndex('audit_daily_counts_key').on(t.day, t.action, t.outcome, t.actorId, t.subject),
    index('audit_daily_counts_action').on(t.action, t.day),
  ],
);

export type Staff = typeof staff.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type LoginEvent = typeof loginEvents.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type Transaction = typeof transactions.$inferSelect;
export type Case = typeof cases.$inferSelect;
export type VerificationCheck = typeof verificationChecks.$inferSelect;
export type CaseNote = typeof caseNotes.$inferSelect;
export type CaseHandoff = typeof caseHandoffs.$inferSelect;
export type ImpostorReport = typeof impostorReports.$inferSelect;
export type EmailChange = typeof emailChanges.$inferSelect;
export type TwoFactorReset = typeof twoFactorResets.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type AuditDailyCount = typeof auditDailyCounts.$inferSelect;

/**
 * The first answer to a creating request that carried an Idempotency-Key, so that a repeat within
 * the replay window (a double click, a retry after a timeout) gets the same answer and changes
 * nothing. Keys are per staff member; the answer is kept encrypted (it may hold a revealed value).
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: integer('staff_id').notNull(),
    key: text('key').notNull(),
    // SHA-256 of method, path and body: the same key on another request is refused, not replayed.
    fingerprint: text('fingerprint').notNull(),
    // null while the first request is still running.
    status: integer('status'),
    answer: text('answer'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_staff_key').on(t.staffId, t.key),
    index('idempotency_keys_created').on(t.createdAt),
  ],
);
