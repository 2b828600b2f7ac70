import { Chip } from '@mui/material';
import {
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { TWO_FACTOR_RESET_STATUSES } from '../../../shared/domain';
import { AccessGate } from '../access/AccessGate';
import type { TwoFactorResetView } from '../api/types';
import { RequesterName } from '../email-changes/fields';
import { TimeField } from '../layout/TimeField';

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="resources.two-factor-resets.fields.status"
    alwaysOn
    choices={TWO_FACTOR_RESET_STATUSES.map((id) => ({
      id,
      name: `resources.two-factor-resets.statuses.${id}`,
    }))}
  />,
];

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
    <AccessGate resource="two-factor-resets" action="list">
      <TwoFactorResetListPage />
    </AccessGate>
  );
}

function TwoFactorResetListPage() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending_approval' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      title={translate('resources.two-factor-resets.title')}
      empty={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" label="resources.two-factor-resets.fields.id" />
        <ReferenceField
          source="accountId"
          reference="accounts"
          label="resources.two-factor-resets.fields.accountId"
          link={false}
          sortable={false}
          sx={{ whiteSpace: 'nowrap' }}
        />
        <FunctionField<TwoFactorResetView>
          source="requestedBy"
          label="resources.two-factor-resets.fields.requestedBy"
          sortable={false}
          render={(r) => <RequesterName change={r} />}
        />
        <TextField source="reason" label="resources.two-factor-resets.fields.reason" sortable={false} />
        <FunctionField<TwoFactorResetView>
          source="status"
          label="resources.two-factor-resets.fields.status"
          render={(r) => <TwoFactorResetStatusChip status={r.status} />}
        />
        <TimeField source="createdAt" label="resources.two-factor-resets.fields.createdAt" />
      </Datagrid>
    </List>
  );
}
