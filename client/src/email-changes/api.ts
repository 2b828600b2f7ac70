export const EMAIL_CHANGE_STATUSES = [
  'pending_approval',
  'awaiting_confirmation',
  'completed',
  'rejected',
  'expired',
  'reverted',
] as const;
export type EmailChangeStatus = (typeof EMAIL_CHANGE_STATUSES)[number];

/** GET /api/email-changes(/:id): addresses come masked only. */
export type EmailChangeRecord = {
  id: number;
  accountId: number;
  caseId: number | null;
  requestedBy: number;
  status: EmailChangeStatus;
  oldEmailMasked: string;
  newEmailMasked: string;
  reason: string;
  decidedBy: number | null;
  decidedAt: number | null;
  decisionReason: string | null;
  confirmedAt: number | null;
  revertUntil: number | null;
  revertedAt: number | null;
  createdAt: number;
  updatedAt: number;
};

export type EmailChangeDecision = 'approve' | 'reject';

/** Why the signed-in staff member cannot decide this request, or null when they may (the server decides again). */
export function decisionBlocker(
  change: Pick<EmailChangeRecord, 'status' | 'requestedBy'>,
  me: { id: number | string; role: string } | undefined,
): 'agent_view' | 'own_request' | 'not_pending' | null {
  if (change.status !== 'pending_approval') return 'not_pending';
  if (me?.role !== 'supervisor') return 'agent_view';
  if (String(change.requestedBy) === String(me.id)) return 'own_request';
  return null;
}

/** The quick sanity check the dialog does before the server's own validation (type=email in the browser too). */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
