import type { EmailChangeView } from '../api/types';

/** Why the signed-in staff member cannot decide this request, or null when they may (the server decides again). */
export function decisionBlocker(
  change: Pick<EmailChangeView, 'status' | 'requestedBy'>,
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
