import { Alert, Skeleton, Stack, Typography } from '@mui/material';
import { Suspense } from 'react';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { lazyView } from '../lazyView';
import { AgentDesk } from './AgentDesk';

// The charts library is most of the tiles' weight: agents, who see no chart, never download it.
const SupervisorTiles = lazyView(() => import('./SupervisorTiles'), 'SupervisorTiles');

/**
 * The landing page (docs/design.md, Dashboards). An agent sees their own desk; a supervisor sees the desk's
 * tiles first, then their own cases (they take escalations too).
 */
export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const supervisor = identity?.role === 'supervisor';

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title={translate('app.dashboard.title')} />
      <Typography component="h1" variant="h5">
        {translate('app.dashboard.greeting', { name: identity?.fullName ?? '' })}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0 }}>
        {translate('app.dashboard.signed_in_as', {
          role: translate(supervisor ? 'app.roles.supervisor' : 'app.roles.agent'),
        })}
      </Typography>
      {supervisor && (
        <Suspense fallback={<Skeleton variant="rounded" height={300} aria-hidden />}>
          <SupervisorTiles />
        </Suspense>
      )}
      {supervisor && (
        <Typography component="h2" variant="h6">
          {translate('app.dashboard.my_desk')}
        </Typography>
      )}
      <AgentDesk />
      <Alert severity="info">{translate('app.dashboard.never_ask')}</Alert>
    </Stack>
  );
}
