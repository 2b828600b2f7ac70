import { Chip, Stack } from '@mui/material';
import { Datagrid, FunctionField, List, TextField } from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { IncidentView } from '../api/types';
import { TimeField } from '../layout/TimeField';
import { IncidentStateChip } from './IncidentStateChip';
import { useIncidentText } from './useIncidentText';

/** Service status: every incident posted, newest start first; a row opens it to edit or resolve. */
export function IncidentList() {
  return (
    <AccessGate resource="incidents" action="list">
      <IncidentListPage />
    </AccessGate>
  );
}

function IncidentListPage() {
  const { title } = useIncidentText();
  return (
    <List
      sort={{ field: 'startsAt', order: 'DESC' }}
      exporter={false}
      title="resources.incidents.title"
      empty={false}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="id" label="resources.incidents.fields.id" />
        <FunctionField<IncidentView>
          label="resources.incidents.fields.title"
          sortable={false}
          render={(r) => title(r)}
        />
        <FunctionField<IncidentView>
          source="affected"
          label="resources.incidents.fields.affected"
          sortable={false}
          render={(r) => <Parts incident={r} />}
        />
        <TimeField source="startsAt" label="resources.incidents.fields.startsAt" />
        <TimeField source="expectedEndAt" label="resources.incidents.fields.expectedEndAt" emptyText="—" />
        <TimeField source="resolvedAt" label="resources.incidents.fields.resolvedAt" emptyText="—" />
        <FunctionField<IncidentView>
          label="resources.incidents.fields.state"
          sortable={false}
          render={(r) => <IncidentStateChip incident={r} />}
        />
      </Datagrid>
    </List>
  );
}

function Parts({ incident }: { incident: IncidentView }) {
  const { partNames } = useIncidentText();
  return (
    <Stack direction="row" spacing={0.5} sx={{ whiteSpace: 'nowrap' }}>
      {partNames(incident).map((name) => (
        <Chip key={name} size="small" label={name} />
      ))}
    </Stack>
  );
}
