import { Create, useNotify, useRedirect } from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import { IncidentForm, incidentBody } from './IncidentForm';

/** A supervisor posts an incident: it starts now unless they say otherwise. */
export function IncidentCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <AccessGate resource="incidents" action="create">
      <Create
        title="resources.incidents.create_title"
        record={{ startsAt: Date.now(), affected: [] }}
        transform={incidentBody}
        mutationOptions={{
          onSuccess: () => {
            notify('resources.incidents.saved', { type: 'success' });
            redirect('list', 'incidents');
          },
        }}
      >
        <IncidentForm />
      </Create>
    </AccessGate>
  );
}
