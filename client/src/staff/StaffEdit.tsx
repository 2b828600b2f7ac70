import { Typography } from '@mui/material';
import {
  Edit,
  maxLength,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { STAFF_ROLES } from '../../../shared/domain';
import { AccessGate } from '../access/AccessGate';
import type { StaffMemberView } from '../api/types';
import { staffReasonValidation } from './StaffCreate';
import { useStaffErrorNotice } from './useStaffErrorNotice';

function RoleInput() {
  const member = useRecordContext<StaffMemberView>();
  const { data: me } = useGetIdentity();
  const translate = useTranslate();
  const self = member !== undefined && me?.id === member.id;
  return (
    <>
      <SelectInput
        source="role"
        validate={required()}
        disabled={self}
        choices={STAFF_ROLES.map((r) => ({ id: r, name: `app.roles.${r}` }))}
      />
      {self && (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.staff.edit.self_role')}
        </Typography>
      )}
    </>
  );
}

/** Name and role (no delete button: staff are never deleted). The reason goes with the change into the trail. */
export function StaffEdit() {
  const notifyError = useStaffErrorNotice();
  return (
    <AccessGate resource="staff" action="edit">
      <Edit
        mutationMode="pessimistic"
        redirect="show"
        mutationOptions={{ onError: notifyError }}
        transform={(data: StaffMemberView & { reason: string }) => ({
          fullName: data.fullName,
          role: data.role,
          reason: data.reason,
        })}
      >
        <SimpleForm
          toolbar={
            <Toolbar>
              <SaveButton />
            </Toolbar>
          }
        >
          <TextInput source="fullName" validate={[required(), maxLength(100)]} autoComplete="off" />
          <RoleInput />
          <TextInput
            source="reason"
            multiline
            defaultValue=""
            validate={staffReasonValidation}
            helperText="resources.staff.reason_help"
          />
        </SimpleForm>
      </Edit>
    </AccessGate>
  );
}
