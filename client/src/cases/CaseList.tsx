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
import type { CaseSummary } from '../api/types';
import { ReferencePagePagination } from '../layout/ReferencePagePagination';
import { TimeField } from '../layout/TimeField';

const caseFilters = [
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={[
      { id: 'open', name: 'journey.case.statuses.open' },
      { id: 'closed', name: 'journey.case.statuses.closed' },
    ]}
  />,
  <SelectInput
    key="scope"
    source="scope"
    label="resources.cases.scopes.label"
    alwaysOn
    emptyText="ra.action.clear_input_value"
    choices={[
      { id: 'mine', name: 'resources.cases.scopes.mine' },
      { id: 'escalated_by_me', name: 'resources.cases.scopes.escalated_by_me' },
    ]}
  />,
];

/** An agent's own cases (the server narrows it), a supervisor's view of all; a row opens the account workspace. */
export function CaseList() {
  const translate = useTranslate();
  return (
    <List
      filters={caseFilters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'openedAt', order: 'DESC' }}
      title={translate('resources.cases.title')}
      exporter={false}
      pagination={<ReferencePagePagination />}
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(id, _resource, record) => `/accounts/${(record as CaseSummary).accountId}/show?case=${id}`}
      >
        <TextField source="id" />
        <ReferenceField source="accountId" reference="accounts" link={false} sx={{ whiteSpace: 'nowrap' }} />
        <FunctionField<CaseSummary>
          source="channel"
          render={(r) => translate(`journey.channels.${r.channel}`, { _: r.channel })}
        />
        <FunctionField<CaseSummary>
          source="level"
          render={(r) => translate('journey.level.badge', { level: r.level })}
        />
        <FunctionField<CaseSummary>
          source="status"
          render={(r) => (
            <>
              {translate(`journey.case.statuses.${r.status}`, { _: r.status })}
              {r.verificationFrozen && (
                <Chip
                  size="small"
                  color="error"
                  variant="outlined"
                  sx={{ ml: 1 }}
                  data-testid="frozen-marker"
                  label={translate('journey.case.frozenMarker')}
                />
              )}
            </>
          )}
        />
        <TimeField source="openedAt" />
      </Datagrid>
    </List>
  );
}
