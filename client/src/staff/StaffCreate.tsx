import { Typography } from '@mui/material';
import { useState } from 'react';
import {
  Create,
  maxLength,
  minLength,
  regex,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { STAFF_ROLES } from '../../../shared/domain';
import { AccessGate } from '../access/AccessGate';
import type { TemporaryPasswordAnswer } from '../api/types';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';
import { useStaffErrorNotice } from './useStaffErrorNotice';

// The server checks the same (server/src/staff/staffRepo.ts STAFF_USERNAME); this only answers sooner.
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;
export const staffReasonValidation = [required(), minLength(5), maxLength(500)];

/** A new member: the answer carries their temporary password, shown once before going to their page. */
export function StaffCreate() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const notifyError = useStaffErrorNotice();
  const [created, setCreated] = useState<TemporaryPasswordAnswer | null>(null);
  return (
    <AccessGate resource="staff" action="create">
      <Create
        title="resources.staff.create.title"
        mutationOptions={{
          onSuccess: (data: TemporaryPasswordAnswer) => setCreated(data),
          onError: notifyError,
        }}
      >
        <SimpleForm defaultValues={{ role: 'agent' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('resources.staff.create.intro')}
          </Typography>
          <TextInput
            source="username"
            validate={[required(), regex(USERNAME, 'ra.validation.regex')]}
            autoComplete="off"
          />
          <TextInput source="fullName" validate={[required(), maxLength(100)]} autoComplete="off" />
          <SelectInput
            source="role"
            validate={required()}
            choices={STAFF_ROLES.map((r) => ({ id: r, name: `app.roles.${r}` }))}
          />
          <TextInput
            source="reason"
            multiline
            validate={staffReasonValidation}
            helperText="resources.staff.reason_help"
          />
        </SimpleForm>
      </Create>
      <TemporaryPasswordDialog
        answer={created}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) redirect('show', 'staff', id);
        }}
      />
    </AccessGate>
  );
}
