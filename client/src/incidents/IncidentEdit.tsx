import { Alert, Box } from '@mui/material';
import { Edit, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { IncidentView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';
import { IncidentForm, incidentBody } from './IncidentForm';
import { IncidentStateChip } from './IncidentStateChip';
import { ResolveIncidentButton } from './ResolveIncidentButton';

function Title() {
  const record = useRecordContext<IncidentView>();
  const translate = useTranslate();
  return <span>{translate('resources.incidents.edit_title', { id: record?.id ?? '' })}</span>;
}

/** Its state and the Resolve button above the form; a resolved incident is kept as it was (no Save). */
function IncidentEditBody() {
  const record = useRecordContext<IncidentView>();
  const translate = useTranslate();
  const formatTime = useFormatTime();
  if (!record) return null;
  const resolved = record.resolvedAt !== null;
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, pt: 2 }}>
        <IncidentStateChip incident={record} />
        <ResolveIncidentButton incident={record} />
      </Box>
      {resolved && (
        <Alert severity="success" sx={{ mx: 2, mt: 2 }}>
          {`${translate('resources.incidents.fields.resolvedAt')}: ${formatTime(record.resolvedAt)}`}
        </Alert>
      )}
      <IncidentForm toolbar={resolved ? false : undefined} />
    </>
  );
}

/** Edit at the version loaded: the server answers 409 when someone else changed or resolved it meanwhile. */
export function IncidentEdit() {
  const notify = useNotify();
  return (
    <AccessGate resource="incidents" action="edit">
      <Edit
        title={<Title />}
        mutationMode="pessimistic"
        actions={false}
        transform={(data: IncidentView) => ({ ...incidentBody(data), version: data.version })}
        mutationOptions={{ onSuccess: () => notify('resources.incidents.updated', { type: 'success' }) }}
        redirect={false}
      >
        <IncidentEditBody />
      </Edit>
    </AccessGate>
  );
}
