import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { StaffMemberView } from '../api/types';
import { staffStatus } from './staffStatus';

const COLOR = { active: 'success', disabled: 'default', locked: 'warning' } as const;

export function StaffStatusChip({ member }: { member: StaffMemberView }) {
  const translate = useTranslate();
  const status = staffStatus(member);
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      variant={status === 'active' ? 'outlined' : 'filled'}
      label={translate(`resources.staff.status.${status}`)}
    />
  );
}
