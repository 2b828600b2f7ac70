import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import LockIcon from '@mui/icons-material/Lock';
import { Chip } from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';
import type { AccountStatus } from '../../../shared/domain';

const LOOK: Record<AccountStatus, { icon: ReactElement; color: 'success' | 'error' | 'default' }> = {
  active: { icon: <CheckCircleOutlineIcon aria-hidden />, color: 'success' },
  locked: { icon: <LockIcon aria-hidden />, color: 'error' },
  closed: { icon: <DoNotDisturbIcon aria-hidden />, color: 'default' },
};

/** Account status in words with an icon; the colour only repeats what the text says. */
export function StatusChip({ status, lockReason }: { status: AccountStatus; lockReason?: string | null }) {
  const translate = useTranslate();
  const look = LOOK[status];
  const text = translate(`journey.statuses.${status}`, { _: status });
  const reason =
    status === 'locked' && lockReason
      ? ` · ${translate(`journey.lockReasons.${lockReason}`, { _: lockReason })}`
      : '';
  return (
    <Chip size="small" variant="outlined" icon={look.icon} color={look.color} label={`${text}${reason}`} />
  );
}
