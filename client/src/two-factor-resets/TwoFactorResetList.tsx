import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { TWO_FACTOR_RESET_STATUSES } from '../../../shared/domain';
import type { TwoFactorResetView } from '../api/types';
import { ApprovalQueueList } from '../email-changes/ApprovalQueueList';

export function TwoFactorResetStatusChip({ status }: { status: TwoFactorResetView['status'] }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={status === 'completed' ? 'success' : status === 'pending_approval' ? 'primary' : 'default'}
      label={translate(`resources.two-factor-resets.statuses.${status}`)}
      data-status={status}
      data-testid="two-factor-reset-status"
    />
  );
}

/** The supervisors' queue of two-factor resets (pending first); an agent sees the ones they filed. */
export function TwoFactorResetList() {
  return (
    <ApprovalQueueList<TwoFactorResetView>
      resource="two-factor-resets"
      statuses={TWO_FACTOR_RESET_STATUSES}
      status={(r) => <TwoFactorResetStatusChip status={r.status} />}
    />
  );
}
