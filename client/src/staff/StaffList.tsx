import {
  BooleanField,
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { STAFF_ROLES } from '../../../shared/domain';
import { AccessGate } from '../access/AccessGate';
import type { StaffMemberView } from '../api/types';
import { TimeField } from '../layout/TimeField';
import { StaffStatusChip } from './StaffStatusChip';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="role"
    source="role"
    alwaysOn
    choices={STAFF_ROLES.map((r) => ({ id: r, name: `app.roles.${r}` }))}
  />,
  <SelectInput
    key="disabled"
    source="disabled"
    label="resources.staff.fields.status"
    alwaysOn
    choices={[
      { id: false, name: 'resources.staff.filters.active' },
      { id: true, name: 'resources.staff.filters.disabled' },
    ]}
  />,
];

function ListActions() {
  return (
    <TopToolbar>
      <CreateButton />
    </TopToolbar>
  );
}

/** Supervisors only (the server answers 403 to anyone else): the desk's staff, never deleted. */
export function StaffList() {
  const translate = useTranslate();
  return (
    <AccessGate resource="staff" action="list">
      <List
        filters={filters}
        actions={<ListActions />}
        exporter={false}
        sort={{ field: 'username', order: 'ASC' }}
      >
        <DataTable<StaffMemberView> rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="username" />
          <DataTable.Col source="fullName" disableSort cellSx={() => ({ whiteSpace: 'nowrap' })} />
          <DataTable.Col source="role" disableSort render={(r) => translate(`app.roles.${r.role}`)} />
          <DataTable.Col
            source="status"
            label="resources.staff.fields.status"
            disableSort
            render={(r) => <StaffStatusChip member={r as StaffMemberView} />}
          />
          <DataTable.Col source="mustChangePassword" disableSort field={BooleanField} />
          <DataTable.Col source="totpEnrolled" disableSort field={BooleanField} />
          <DataTable.Col source="lastSignInAt" disableSort>
            <TimeField source="lastSignInAt" emptyText={translate('resources.staff.never_signed_in')} />
          </DataTable.Col>
        </DataTable>
      </List>
    </AccessGate>
  );
}
