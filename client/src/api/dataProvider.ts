import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, fetchUtils, GetListParams, GetManyReferenceParams } from 'react-admin';
import type {
  CaseChannel,
  CaseResolution,
  OtpChannel,
  Troubleshooting,
  VerificationFactor,
} from '../../../shared/domain';
import type { LookupAnswer } from '../lookup/callerDetails';
import { API_URL, fetchApi } from './http';
import { getJson, httpClient, postJson, putJson, sendJson } from './httpClient';
import type {
  AccountCommandAnswer,
  ActionsPerDay,
  AgentDashboard,
  Assignee,
  Candidate,
  CaseView,
  ChainReport,
  CheckAnswer,
  CommandInput,
  EmailChangeDecision,
  EmailChangeRequested,
  EmailChangeView,
  EmailHintAnswer,
  EnrolmentDone,
  EnrolmentStart,
  Identity,
  IncidentView,
  LocksAndUnlocks,
  LookupBody,
  LookupOutliers,
  MessageView,
  NoteView,
  OtpSent,
  PasswordResetAnswer,
  RevealAnswer,
  StaffMemberView,
  SupervisorQueues,
  TemporaryPasswordAnswer,
  TwoFactorResetView,
} from './types';

/** What each dashboard endpoint answers (docs/design.md, Dashboards): one tile, one request. */
export type DashboardAnswers = {
  agent: AgentDashboard;
  actions: ActionsPerDay;
  locks: LocksAndUnlocks;
  queues: SupervisorQueues;
  lookups: LookupOutliers;
};
export type DashboardTile = keyof DashboardAnswers;

/** The lifecycle steps of a staff member besides create and edit (docs/design.md, Staff lifecycle). */
export const STAFF_STEPS = ['disable', 'enable', 'reset-password', 'unlock', 'reset-mfa'] as const;
export type StaffStep = (typeof STAFF_STEPS)[number];

/** List answers whose Content-Range total is "at least" (`…/10000+`): counting them exactly would be slow. */
const cappedPages = new WeakSet<object>();

function listHttpClient(url: string, options?: fetchUtils.Options) {
  return httpClient(url, options).then((response) => {
    if (response.headers.get('Content-Range')?.endsWith('+') && response.json) cappedPages.add(response.json);
    return response;
  });
}

const restProvider = simpleRestProvider(API_URL, listHttpClient);

const accountCommand =
  <Body extends CommandInput, Answer>(path: string) =>
  (accountId: number, body: Body) =>
    postJson<Answer>(`/accounts/${accountId}/${path}`, body);

/**
 * The console's data provider, as react-admin's examples/crm builds its own: ra-data-simple-rest for the
 * resources, plus one typed method per custom call of the API (docs/design.md, HTTP API). Components call them
 * through `useDataProvider<AppDataProvider>()` inside a `useMutation`, then notify and refresh.
 */
export const dataProvider = {
  ...restProvider,

  // A capped total becomes react-admin's partial pagination ("1-25 of more than 25", next page on)
  // instead of a false "of 10000".
  async getList(resource: string, params: GetListParams) {
    const result = await restProvider.getList(resource, params);
    if (!cappedPages.has(result.data)) return result;
    const page = params.pagination?.page ?? 1;
    return { data: result.data, pageInfo: { hasNextPage: true, hasPreviousPage: page > 1 } };
  },

  /**
   * An account's activity is read through the case the agent works in (docs/design.md, Account activity): the
   * case goes in `meta`, not in the list's filter, so an empty list still shows its own "nothing yet" text
   * instead of react-admin's "no results with these filters".
   */
  getManyReference(resource: string, params: GetManyReferenceParams) {
    const caseId = params.meta?.caseId as number | undefined;
    if (caseId === undefined) return restProvider.getManyReference(resource, params);
    return restProvider.getManyReference(resource, { ...params, filter: { ...params.filter, caseId } });
  },

  /** The caller's details go in the body, never in a URL; X-Too-Many-Matches says when to ask for more. */
  async lookup(body: LookupBody): Promise<LookupAnswer> {
    const { json, headers } = await sendJson('POST', '/lookup', body);
    return { candidates: json as Candidate[], tooMany: headers.get('X-Too-Many-Matches') };
  },

  openCase: (input: { accountId: number; channel: CaseChannel; callerDetails?: LookupBody }) =>
    postJson<CaseView>('/cases', input),
  addCheck: (caseId: number, factor: VerificationFactor, value: string) =>
    postJson<CheckAnswer>(`/cases/${caseId}/checks`, { factor, value }),
  sendOtp: (caseId: number, channel: OtpChannel) => postJson<OtpSent>(`/cases/${caseId}/otp`, { channel }),
  saveTroubleshooting: (caseId: number, steps: Troubleshooting) =>
    putJson<CaseView>(`/cases/${caseId}/troubleshooting`, steps),
  /** A resolution from the fixed list; impostor_suspected may also hold the account (with the version seen). */
  closeCase: (caseId: number, body: { resolution: CaseResolution; hold?: boolean; version?: number }) =>
    postJson<CaseView>(`/cases/${caseId}/close`, body),
  unfreezeCase: (caseId: number, reason: string) =>
    postJson<CaseView>(`/cases/${caseId}/unfreeze`, { reason }),

  // Case handling (docs/design.md, Case ownership and escalation): only the owner acts; one taker wins.
  addNote: (caseId: number, text: string) => postJson<NoteView>(`/cases/${caseId}/notes`, { text }),
  escalateCase: (caseId: number, reason: string) =>
    postJson<CaseView>(`/cases/${caseId}/escalate`, { reason }),
  takeCase: (caseId: number) => postJson<CaseView>(`/cases/${caseId}/take`, {}),
  returnCase: (caseId: number, note: string) => postJson<CaseView>(`/cases/${caseId}/return`, { note }),
  transferCase: (caseId: number, staffId: number, reason: string) =>
    postJson<CaseView>(`/cases/${caseId}/transfer`, { staffId, reason }),
  caseAssignees: () => getJson<Assignee[]>('/case-assignees'),

  // Account commands: each names its case, a written reason and the version the agent saw (409 when stale).
  unlockAccount: accountCommand<CommandInput, AccountCommandAnswer>('unlock'),
  holdAccount: accountCommand<CommandInput, AccountCommandAnswer>('hold'),
  signOutDevices: accountCommand<CommandInput, AccountCommandAnswer>('sign-out-devices'),
  signOutDevice: (accountId: number, deviceId: number, body: CommandInput) =>
    postJson<AccountCommandAnswer>(`/accounts/${accountId}/devices/${deviceId}/sign-out`, body),
  sendPasswordReset: accountCommand<CommandInput & { channel: 'email' | 'sms' }, PasswordResetAnswer>(
    'password-reset',
  ),
  revealContact: accountCommand<CommandInput & { field: 'email' | 'phone' }, RevealAnswer>('reveal'),
  emailHint: accountCommand<CommandInput, EmailHintAnswer>('email-hint'),
  requestEmailChange: accountCommand<CommandInput & { newEmail: string }, EmailChangeRequested>(
    'email-change',
  ),
  /** Lost two-factor device: filed for a second person's approval (docs/design.md, Two-factor reset). */
  requestTwoFactorReset: accountCommand<CommandInput, { id: number; status: 'pending_approval' }>(
    'reset-2fa',
  ),

  /** "The reset email never arrived": the same message back in the queue, through the case, with a reason. */
  resendMessage: (messageId: number, body: { caseId: number; reason: string }) =>
    postJson<MessageView>(`/messages/${messageId}/resend`, body),

  /** Supervisors only, never the requester: the server refuses (403, audited) whatever the console shows. */
  decideEmailChange: (id: number, decision: EmailChangeDecision, reason: string) =>
    postJson<EmailChangeView>(`/email-changes/${id}/${decision}`, { reason }),
  decideTwoFactorReset: (id: number, decision: EmailChangeDecision, reason: string) =>
    postJson<TwoFactorResetView>(`/two-factor-resets/${id}/${decision}`, { reason }),
  /** Service status: ends an open incident (409 when it was already resolved). */
  resolveIncident: (id: number, reason: string) =>
    postJson<IncidentView>(`/incidents/${id}/resolve`, { reason }),

  /** Supervisors on another member; reset-password answers the temporary password, shown once. */
  staffStep: (staffId: number, step: StaffStep, reason: string) =>
    postJson<StaffMemberView | TemporaryPasswordAnswer>(`/staff/${staffId}/${step}`, { reason }),

  /** The signed-in member's own password (the way past a temporary one). */
  changeOwnPassword: (currentPassword: string, newPassword: string) =>
    postJson<Identity>('/auth/password', { currentPassword, newPassword }),

  /** Starts (or shows again) this session's authenticator enrolment: QR code and key (docs/design.md, Staff TOTP). */
  startEnrolment: () => postJson<EnrolmentStart>('/auth/enrolment', {}),

  /** Confirms the enrolment with a code from the app; answers the recovery codes, shown once. */
  confirmEnrolment: (code: string) => postJson<EnrolmentDone>('/auth/enrolment/confirm', { code }),

  /** One dashboard tile's aggregate (supervisors' tiles answer 403 to agents). */
  dashboard: <K extends DashboardTile>(tile: K) => getJson<DashboardAnswers[K]>(`/dashboard/${tile}`),

  verifyAuditChain: () => getJson<ChainReport>('/audit-events/verify'),

  /** The CSV of the filtered audit trail, its columns in the console's language (streamed; the server audits it). */
  async exportAuditCsv(filter: Record<string, unknown>, lang: 'en' | 'zh'): Promise<Blob> {
    const query = encodeURIComponent(JSON.stringify(filter));
    const response = await fetchApi(`/audit-events/export?filter=${query}&lang=${lang}`, {
      headers: { Accept: 'text/csv' },
    });
    if (!response.ok) throw new Error(`export failed with ${response.status}`);
    return response.blob();
  },
} satisfies DataProvider;

export type AppDataProvider = typeof dataProvider;
