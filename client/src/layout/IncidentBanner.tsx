import { Alert, AlertTitle, Box, Button } from '@mui/material';
import { useGetList, usePermissions, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { canAccess } from '../access/canAccess';
import type { IncidentView } from '../api/types';
import { useIncidentText } from '../incidents/useIncidentText';

/** Often enough that a new incident reaches an agent mid-call, rarely enough to cost nothing. */
const REFRESH_MS = 60_000;

/**
 * An active service incident on every console screen (docs/design.md, Service status), so the agent on the
 * phone knows "SMS codes are late" before the caller says it. Supervisors get a link to edit or resolve it.
 */
export function IncidentBanner() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { title, parts, time } = useIncidentText();
  const { data } = useGetList<IncidentView>(
    'incidents',
    {
      filter: { active: true },
      sort: { field: 'startsAt', order: 'DESC' },
      pagination: { page: 1, perPage: 5 },
    },
    { refetchInterval: REFRESH_MS },
  );
  if (!data?.length) return null;
  const mayEdit = canAccess(permissions, { resource: 'incidents', action: 'edit' });
  return (
    <Box component="section" aria-label={translate('resources.incidents.banner.label')} sx={{ mt: 1 }}>
      {data.map((incident) => (
        <Alert
          key={incident.id}
          severity="warning"
          // A standing notice, not an interruption: read when the agent looks, not announced on every page.
          role="status"
          data-testid="incident-banner"
          sx={{ mb: 1 }}
          action={
            mayEdit ? (
              <Button color="inherit" size="small" component={Link} to={`/incidents/${incident.id}`}>
                {translate('resources.incidents.banner.open')}
              </Button>
            ) : undefined
          }
        >
          <AlertTitle>{translate('resources.incidents.banner.label')}</AlertTitle>
          {translate('resources.incidents.banner.line', {
            title: title(incident),
            parts: parts(incident),
            time: time(incident.startsAt),
          })}
          {incident.expectedEndAt !== null &&
            translate('resources.incidents.banner.until', { time: time(incident.expectedEndAt) })}
        </Alert>
      ))}
    </Box>
  );
}
