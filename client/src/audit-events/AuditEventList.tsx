import {
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { AuditEvent } from '../api/types';
import { auditFilters } from './auditFilters';
import { ExportButton } from './ExportButton';
import { ActorText, EventTime, OutcomeChip, useActionLabel, useTargetLabel } from './fields';
import { VerifyChainButton } from './VerifyChainButton';

function AuditListActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <FilterButton />
      <VerifyChainButton />
      <ExportButton />
    </TopToolbar>
  );
}

/** Supervisors only (the server answers 403 to anyone else, and audits the attempt). Newest first. */
export function AuditEventList() {
  return (
    <AccessGate resource="audit-events" action="list">
      <AuditEventListPage />
    </AccessGate>
  );
}

function AuditEventListPage() {
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  const targetLabel = useTargetLabel();
  return (
    <List
      filters={auditFilters}
      actions={<AuditListActions />}
      exporter={false}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      title={translate('resources.audit-events.title')}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField<AuditEvent> source="at" render={(r) => <EventTime at={r.at} />} />
        <FunctionField<AuditEvent>
          source="actorUsername"
          label="resources.audit-events.fields.actor"
          render={(r) => <ActorText record={r} />}
        />
        <FunctionField<AuditEvent> source="action" render={(r) => actionLabel(r.action)} />
        <FunctionField<AuditEvent>
          source="targetId"
          label="resources.audit-events.fields.target"
          sortable={false}
          render={(r) => targetLabel(r)}
        />
        <FunctionField<AuditEvent>
          source="caseId"
          sortable={false}
          render={(r) => (r.caseId ? `#${r.caseId}` : '')}
        />
        <FunctionField<AuditEvent> source="outcome" render={(r) => <OutcomeChip outcome={r.outcome} />} />
        <TextField source="reason" sortable={false} />
      </Datagrid>
    </List>
  );
}
