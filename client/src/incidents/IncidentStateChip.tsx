import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { IncidentView } from '../api/types';

export type IncidentState = 'active' | 'scheduled' | 'resolved';

export const incidentState = (i: Pick<IncidentView, 'active' | 'resolvedAt'>): IncidentState =>
  i.resolvedAt !== null ? 'resolved' : i.active ? 'active' : 'scheduled';

export function IncidentStateChip({ incident }: { incident: Pick<IncidentView, 'active' | 'resolvedAt'> }) {
  const translate = useTranslate();
  const state = incidentState(incident);
  return (
    <Chip
      size="small"
      variant="outlined"
      color={state === 'active' ? 'warning' : state === 'resolved' ? 'success' : 'default'}
      label={translate(`resources.incidents.states.${state}`)}
      data-state={state}
    />
  );
}
