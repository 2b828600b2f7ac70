import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import KeyIcon from '@mui/icons-material/Key';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { Typography } from '@mui/material';
import { useState } from 'react';
import {
  BooleanField,
  EditButton,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { StaffMemberView, TemporaryPasswordAnswer } from '../api/types';
import { TimeField } from '../layout/TimeField';
import { StaffStatusChip } from './StaffStatusChip';
import { StaffStepButton } from './StaffStepButton';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';

/** The lifecycle steps that apply to this member now; none on oneself (the server refuses them anyway). */
function StaffActions() {
  const member = useRecordContext<StaffMemberView>();
  const { data: me } = useGetIdentity();
  const translate = useTranslate();
  const [shown, setShown] = useState<TemporaryPasswordAnswer | null>(null);
  if (!member) return null;
  const self = me?.id === member.id;
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
      <EditButton />
      {self ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.staff.steps.self')}
        </Typography>
      ) : (
        <>
          {member.signInLockedUntil && (
            <StaffStepButton member={member} step="unlock" icon={<LockOpenIcon />} />
          )}
          <StaffStepButton
            member={member}
            step="reset-password"
            icon={<KeyIcon />}
            onTemporaryPassword={setShown}
          />
          {member.totpEnrolled && (
            <StaffStepButton member={member} step="reset-mfa" icon={<PhonelinkEraseIcon />} color="warning" />
          )}
          {member.disabled ? (
            <StaffStepButton member={member} step="enable" icon={<CheckCircleIcon />} />
          ) : (
            <StaffStepButton member={member} step="disable" icon={<BlockIcon />} color="error" />
          )}
        </>
      )}
      <TemporaryPasswordDialog answer={shown} onClose={() => setShown(null)} />
    </TopToolbar>
  );
}

export function StaffShow() {
  const translate = useTranslate();
  const yesNo = (value: boolean) => translate(value ? 'resources.staff.yes' : 'resources.staff.no');
  return (
    <AccessGate resource="staff" action="show">
      <Show actions={<StaffActions />}>
        <SimpleShowLayout>
          <TextField source="username" />
          <TextField source="fullName" />
          <FunctionField<StaffMemberView> source="role" render={(r) => translate(`app.roles.${r.role}`)} />
          <FunctionField<StaffMemberView>
            source="status"
            label="resources.staff.fields.status"
            render={(r) => <StaffStatusChip member={r} />}
          />
          <TimeField source="signInLockedUntil" emptyText="—" />
          <FunctionField<StaffMemberView>
            source="mustChangePassword"
            render={(r) => yesNo(r.mustChangePassword)}
          />
          <FunctionField<StaffMemberView> source="totpEnrolled" render={(r) => yesNo(r.totpEnrolled)} />
          <BooleanField source="disabled" />
          <TimeField source="lastSignInAt" emptyText={translate('resources.staff.never_signed_in')} />
          <TimeField source="createdAt" />
        </SimpleShowLayout>
      </Show>
    </AccessGate>
  );
}
