import { Alert, AlertTitle, Box, Link as MuiLink } from '@mui/material';
import { useGetIdentity, useGetList, usePermissions, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { EmailChangeView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';
import { EmailChangeStatusChip } from '../email-changes/fields';

/** A key of this part's texts (en/approvalEvidence.ts and zh/approvalEvidence.ts in client/src/i18n). */
const k = (key: string) => `resources.email-changes.pending.${key}`;

/** The sentence that says what happens next and by when, for a change that can still move. */
export function useNextStep() {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  return (change: Pick<EmailChangeView, 'status' | 'nextStepBy'>) =>
    change.nextStepBy === null
      ? ''
      : translate(k(`next.${change.status}`), { time: formatTime(change.nextStepBy), _: '' });
}

/**
 * The account's latest email change while it can still move (awaiting a supervisor, awaiting the customer, or
 * completed inside the old address's 72 h undo window): status, who asked and when, masked old → new, what is
 * next and by when (docs/design.md, Email changes). A caller asking "did my change go through?" gets one look.
 */
export function PendingEmailChange({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const nextStep = useNextStep();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const { data } = useGetList<EmailChangeView>('email-changes', {
    filter: { accountId },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 1 },
  });
  const change = data?.[0];
  if (!change || change.nextStepBy === null || change.nextStepBy <= Date.now()) return null;
  const mine = identity !== undefined && String(identity.id) === String(change.requestedBy);
  const requester = change.evidence.requester;
  const who = mine
    ? translate('resources.email-changes.you')
    : (requester?.fullName ?? `#${change.requestedBy}`);
  return (
    <Alert
      severity={change.status === 'completed' ? 'info' : 'warning'}
      role="status"
      sx={{ mb: 2 }}
      data-testid="pending-email-change"
      data-status={change.status}
    >
      <AlertTitle sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {translate(k('title'))}
        <EmailChangeStatusChip status={change.status} />
      </AlertTitle>
      <Box component="p" sx={{ m: 0 }}>
        {translate(k('requested'), {
          who,
          time: formatTime(change.createdAt),
          from: change.oldEmailMasked,
          to: change.newEmailMasked,
        })}
      </Box>
      <Box component="p" sx={{ m: 0 }} data-testid="pending-email-change-next">
        {nextStep(change)}
      </Box>
      {/* Only supervisors and the requester may open the request itself (the server narrows it too). */}
      {(permissions === 'supervisor' || mine) && (
        <MuiLink component={Link} to={`/email-changes/${change.id}/show`}>
          {translate(k('open'))}
        </MuiLink>
      )}
    </Alert>
  );
}
