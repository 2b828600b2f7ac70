import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import {
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { AuditEvent } from '../api/types';
import { detailsDiff, otherDetails, prettyDetails } from './auditFormat';
import { ActorText, EventTime, OutcomeChip, TargetText, useActionLabel } from './fields';

const MONO = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

function AuditEventTitle() {
  const translate = useTranslate();
  const record = useRecordContext<AuditEvent>();
  return <span>{translate('resources.audit-events.show_title', { id: record?.id ?? '' })}</span>;
}

/** What changed, as a person reads it: field, before, after (only the fields that differ). */
function Changes() {
  const record = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  const rows = record ? detailsDiff(record.details) : [];
  const shown = (value: unknown) =>
    value === null || value === undefined
      ? '—'
      : typeof value === 'boolean'
        ? translate(value ? 'ra.boolean.true' : 'ra.boolean.false')
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  if (rows.length === 0) return null;
  return (
    <Labeled label="resources.audit-events.diff.title">
      <Table size="small" data-testid="audit-diff" sx={{ maxWidth: 720 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.audit-events.diff.field')}</TableCell>
            <TableCell>{translate('resources.audit-events.diff.before')}</TableCell>
            <TableCell>{translate('resources.audit-events.diff.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.field}>
              <TableCell>
                {translate(`resources.audit-events.diff.fields.${row.field}`, { _: row.field })}
              </TableCell>
              <TableCell>{shown(row.before)}</TableCell>
              <TableCell>{shown(row.after)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Labeled>
  );
}

function Details() {
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  const rest = detailsDiff(record.details).length
    ? JSON.stringify(otherDetails(record.details), null, 2)
    : null;
  return (
    <Labeled source="details">
      <Box
        component="pre"
        data-testid="audit-details"
        sx={{ ...MONO, whiteSpace: 'pre-wrap', m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1 }}
      >
        {rest ?? prettyDetails(record.details)}
      </Box>
    </Labeled>
  );
}

/** Every stored field of one event; the hashes in monospace so two can be compared character by character. */
export function AuditEventShow() {
  return (
    <AccessGate resource="audit-events" action="show">
      <AuditEventShowPage />
    </AccessGate>
  );
}

function AuditEventShowPage() {
  const actionLabel = useActionLabel();
  return (
    <Show title={<AuditEventTitle />}>
      <SimpleShowLayout>
        <TextField source="id" />
        <FunctionField<AuditEvent> source="at" render={(r) => <EventTime at={r.at} />} />
        <FunctionField<AuditEvent>
          source="actorUsername"
          label="resources.audit-events.fields.actor"
          render={(r) => <ActorText record={r} />}
        />
        <TextField source="actorId" emptyText="—" />
        <FunctionField<AuditEvent> source="action" render={(r) => `${actionLabel(r.action)} (${r.action})`} />
        <FunctionField<AuditEvent>
          source="targetId"
          label="resources.audit-events.fields.target"
          render={(r) => (r.targetType ? <TargetText record={r} /> : '—')}
        />
        <FunctionField<AuditEvent> source="caseId" render={(r) => (r.caseId ? `#${r.caseId}` : '—')} />
        <FunctionField<AuditEvent> source="outcome" render={(r) => <OutcomeChip outcome={r.outcome} />} />
        <TextField source="reason" emptyText="—" />
        <TextField source="ip" emptyText="—" />
        <TextField source="userAgent" emptyText="—" />
        <TextField source="requestId" emptyText="—" sx={MONO} />
        <Changes />
        <Details />
        <TextField source="prevHash" sx={MONO} />
        <TextField source="hash" sx={MONO} />
      </SimpleShowLayout>
    </Show>
  );
}
