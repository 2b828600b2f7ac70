import { Alert, AlertTitle, List, ListItem } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { IncidentView } from '../api/types';
import { useIncidentText } from '../incidents/useIncidentText';

/**
 * "It may not be you": the service incidents (sign-in, SMS or email) whose window holds one of this account's
 * failed sign-ins of the last day (docs/design.md, Service status), so the agent can say so before unlocking.
 */
export function IncidentHint({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const { title, time } = useIncidentText();
  const { data } = useGetList<IncidentView>('incidents', {
    filter: { accountId },
    sort: { field: 'startsAt', order: 'DESC' },
    pagination: { page: 1, perPage: 5 },
  });
  if (!data?.length) return null;
  return (
    <Alert severity="info" role="status" sx={{ mb: 2 }} data-testid="incident-hint">
      <AlertTitle>{translate('resources.incidents.hint.title')}</AlertTitle>
      <List dense disablePadding sx={{ listStyle: 'disc', pl: 2 }}>
        {data.map((incident) => (
          <ListItem key={incident.id} sx={{ display: 'list-item', p: 0 }}>
            {incident.resolvedAt === null
              ? translate('resources.incidents.hint.line', {
                  title: title(incident),
                  time: time(incident.startsAt),
                })
              : translate('resources.incidents.hint.resolved', {
                  title: title(incident),
                  start: time(incident.startsAt),
                  end: time(incident.resolvedAt),
                })}
          </ListItem>
        ))}
      </List>
      {translate('resources.incidents.hint.why')}
    </Alert>
  );
}
