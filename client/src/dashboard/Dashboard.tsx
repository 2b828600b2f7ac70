import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

const STEPS = ['find', 'verify', 'act'] as const;

/** The landing page: who is signed in and the three steps of a support call. */
export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const role = identity?.role === 'supervisor' ? 'supervisor' : 'agent';

  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 900 }}>
      <Title title={translate('app.dashboard.title')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {translate('app.dashboard.greeting', { name: identity?.fullName ?? '' })}
          </Typography>
          <Typography>
            {translate('app.dashboard.signed_in_as', { role: translate(`app.roles.${role}`) })}
          </Typography>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography component="h2" variant="h6" gutterBottom>
            {translate('app.dashboard.how_title')}
          </Typography>
          <Typography component="ol" sx={{ pl: 3, m: 0, '& li': { mb: 1 } }}>
            {STEPS.map((step) => (
              <li key={step}>{translate(`app.dashboard.steps.${step}`)}</li>
            ))}
          </Typography>
        </CardContent>
      </Card>
      {role === 'supervisor' && (
        <Card>
          <CardContent>
            <Typography component="h2" variant="h6" gutterBottom>
              {translate('app.dashboard.supervisor_title')}
            </Typography>
            <Typography>{translate('app.dashboard.supervisor_note')}</Typography>
          </CardContent>
        </Card>
      )}
      <Alert severity="info">{translate('app.dashboard.never_ask')}</Alert>
    </Stack>
  );
}
