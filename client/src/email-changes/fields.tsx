import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import MarkEmailUnreadOutlinedIcon from '@mui/icons-material/MarkEmailUnreadOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Chip } from '@mui/material';
import type { ReactElement } from 'react';
import { ReferenceField, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { EmailChangeStatus } from '../../../shared/domain';
import type { EmailChangeView } from '../api/types';

// Reds and greens only repeat the word; the icon tells the states apart without colour.
const LOOK: Record<
  EmailChangeStatus,
  { icon: ReactElement; color: 'default' | 'success' | 'error' | 'primary' }
> = {
  pending_approval: { icon: <HourglassEmptyIcon aria-hidden />, color: 'primary' },
  awaiting_confirmation: { icon: <MarkEmailUnreadOutlinedIcon aria-hidden />, color: 'primary' },
  completed: { icon: <CheckCircleOutlineIcon aria-hidden />, color: 'success' },
  rejected: { icon: <CancelOutlinedIcon aria-hidden />, color: 'error' },
  expired: { icon: <CancelOutlinedIcon aria-hidden />, color: 'default' },
  reverted: { icon: <UndoIcon aria-hidden />, color: 'error' },
};

export function EmailChangeStatusChip({ status }: { status: EmailChangeStatus }) {
  const translate = useTranslate();
  const look = LOOK[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={look.icon}
      color={look.color}
      label={translate(`resources.email-changes.statuses.${status}`, { _: status })}
      data-status={status}
      data-testid="email-change-status"
    />
  );
}

/** Masked only, as the server sends them: `z***g@1**.com → n***w@e******.com`. */
export function EmailsText({
  record,
}: {
  record: Pick<EmailChangeView, 'oldEmailMasked' | 'newEmailMasked'>;
}) {
  return (
    <Box component="span" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
      {record.oldEmailMasked} → {record.newEmailMasked}
    </Box>
  );
}

/**
 * The staff member who requested (or decided) it. Only supervisors may read the staff resource; an agent
 * only ever sees their own requests, so "You" is the whole story for them.
 */
export function StaffName({
  source,
  record,
}: {
  source: 'requestedBy' | 'decidedBy';
  record: EmailChangeView;
}) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const staffId = record[source];
  if (staffId === null || staffId === undefined) return null;
  if (identity && String(identity.id) === String(staffId)) {
    return <span>{translate('resources.email-changes.you')}</span>;
  }
  if (permissions !== 'supervisor') return <span>#{staffId}</span>;
  return <ReferenceField record={record} source={source} reference="staff" link={false} />;
}

/** Who filed it, from the request's own evidence (no staff read, so agents see names too); "You" for oneself. */
export function RequesterName({ change }: { change: Pick<EmailChangeView, 'requestedBy' | 'evidence'> }) {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (identity && String(identity.id) === String(change.requestedBy)) {
    return <span>{translate('resources.email-changes.you')}</span>;
  }
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {change.evidence.requester?.fullName ?? `#${change.requestedBy}`}
    </Box>
  );
}
