import {
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { EMAIL_CHANGE_STATUSES } from '../../../shared/domain';
import { AccessGate } from '../access/AccessGate';
import type { EmailChangeView } from '../api/types';
import { ReferencePagePagination } from '../layout/ReferencePagePagination';
import { TimeField } from '../layout/TimeField';
import { EmailChangeStatusChip, EmailsText, RequesterName } from './fields';

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="resources.email-changes.fields.status"
    alwaysOn
    choices={EMAIL_CHANGE_STATUSES.map((id) => ({ id, name: `resources.email-changes.statuses.${id}` }))}
  />,
];

/**
 * The supervisors' approval queue (pending first by default); an agent sees the requests they filed (the server
 * narrows the list), so they can tell the caller where their change stands.
 */
export function EmailChangeList() {
  return (
    <AccessGate resource="email-changes" action="list">
      <EmailChangeListPage />
    </AccessGate>
  );
}

function EmailChangeListPage() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending_approval' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      pagination={<ReferencePagePagination />}
      title={translate('resources.email-changes.title')}
      empty={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" label="resources.email-changes.fields.id" />
        <ReferenceField
          source="accountId"
          reference="accounts"
          label="resources.email-changes.fields.accountId"
          link={false}
          sortable={false}
          sx={{ whiteSpace: 'nowrap' }}
        />
        <FunctionField<EmailChangeView>
          source="requestedBy"
          label="resources.email-changes.fields.requestedBy"
          sortable={false}
          render={(r) => <RequesterName change={r} />}
        />
        <FunctionField<EmailChangeView>
          label="resources.email-changes.fields.emails"
          render={(r) => <EmailsText record={r} />}
        />
        <TextField source="reason" label="resources.email-changes.fields.reason" sortable={false} />
        <FunctionField<EmailChangeView>
          source="status"
          label="resources.email-changes.fields.status"
          render={(r) => <EmailChangeStatusChip status={r.status} />}
        />
        <TimeField source="createdAt" label="resources.email-changes.fields.createdAt" />
      </Datagrid>
    </List>
  );
}
