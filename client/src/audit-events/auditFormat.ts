/** The actions the server writes today; any other one is shown raw (a newer server may add some). */
export const KNOWN_ACTIONS = [
  'staff.sign_in',
  'staff.sign_out',
  'staff.mfa',
  'access.denied',
  'account.lookup',
  'account.view',
  'account.reveal',
  'account.email_hint',
  'account.unlock',
  'account.hold',
  'account.sign_out_devices',
  'account.password_reset',
  'case.open',
  'case.check',
  'case.otp',
  'case.frozen',
  'case.unfreeze',
  'case.troubleshooting',
  'case.close',
  'message.resend',
  'wallet.auto_lock',
  'wallet.password_reset',
  'audit.verify',
  'audit.export',
] as const;

export const TARGET_TYPES = ['account', 'case', 'staff'] as const;

/** The filter keys the server accepts (ids, action names, times): nothing a customer told us. */
const EXPORTABLE_FILTER_KEYS = [
  'actorId',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'caseId',
  'from',
  'to',
] as const;

export function exportFilter(filterValues: Record<string, unknown>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const key of EXPORTABLE_FILTER_KEYS) {
    const value = filterValues[key];
    if (value !== undefined && value !== null && value !== '') filter[key] = value;
  }
  return filter;
}

/** Hands the exported CSV to the browser as a download named after the moment of the export. */
export function saveCsvFile(csv: Blob, now = new Date()): void {
  const url = URL.createObjectURL(csv);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-events-${now.toISOString().slice(0, 19).replace(/:/g, '')}Z.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Revoked on the next tick: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** details is stored as a JSON string; shown pretty-printed, or as it is when it is not JSON. */
export function prettyDetails(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}
