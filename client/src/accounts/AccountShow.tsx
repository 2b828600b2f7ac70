import { Alert, Box, Card, CardContent, Grid, Link as MuiLink, Typography } from '@mui/material';
import { Loading, Show, useRecordContext, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import type { AccountView } from '../api/types';
import { CasePanel } from '../cases/CasePanel';
import { ImpostorSignal } from '../cases/handling/ImpostorSignal';
import { OpenCaseButton } from '../cases/OpenCaseButton';
import { useAccountCase } from '../cases/useAccountCase';
import { useFormatTime } from '../cases/useFormatTime';
import { AccountActions } from './AccountActions';
import { AccountTimeline } from './AccountTimeline';
import { AccountActivity } from './ActivityLists';
import { IncidentHint } from './IncidentHint';
import { LockBanner } from './LockBanner';
import { MessagesSent } from './MessagesSent';
import { PendingEmailChange } from './PendingEmailChange';
import { RiskSignalsPanel } from './RiskSignalsPanel';
import { SelfServiceAttempts } from './SelfServiceAttempts';
import { StatusChip } from './StatusChip';

function AccountTitle() {
  const record = useRecordContext<AccountView>();
  const translate = useTranslate();
  return (
    <span>
      {record ? `${record.fullName} · ${record.accountNumber}` : translate('journey.account.title')}
    </span>
  );
}

function Summary({ account }: { account: AccountView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const yes = translate('journey.account.yes');
  const no = translate('journey.account.no');
  const rows: [string, string | number][] = [
    ['accountNumber', account.accountNumber],
    ['maskedPhone', account.maskedPhone],
    ['maskedEmail', account.maskedEmail],
    ['birthYear', account.birthYear],
    ['nationalIdMasked', account.nationalIdMasked],
    ['country', account.country],
    ['twoFactorEnabled', account.twoFactorEnabled ? yes : no],
    ['socialProvider', account.socialProvider ?? '—'],
    ['failedSignInCount', account.failedSignInCount],
    ['passwordChangedAt', account.passwordChangedAt ? formatTime(account.passwordChangedAt) : '—'],
  ];
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {rows.map(([key, value]) => (
        <Box key={key} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
            {translate(`journey.account.fields.${key}`)}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function CaseColumn({ account }: { account: AccountView }) {
  const translate = useTranslate();
  const { kase, isPending } = useAccountCase(account.id);
  if (isPending) return <Loading />;
  if (kase) return <CasePanel kase={kase} accountVersion={account.version} />;
  return (
    <Card variant="outlined" component="section" aria-labelledby="no-case-heading">
      <CardContent>
        <Typography id="no-case-heading" variant="h6" component="h2" gutterBottom>
          {translate('journey.case.none')}
        </Typography>
        <Typography variant="body2" gutterBottom>
          {translate('journey.case.noneHelp')}
        </Typography>
        <OpenCaseButton accountId={account.id} />
      </CardContent>
    </Card>
  );
}

function Workspace() {
  const account = useRecordContext<AccountView>();
  const translate = useTranslate();
  const { kase } = useAccountCase(account?.id);
  if (!account) return null;
  return (
    <Box sx={{ p: { xs: 1, md: 2 } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1">
          {account.fullName}
        </Typography>
        <StatusChip status={account.status} />
        <MuiLink component={Link} to="/lookup" sx={{ ml: 'auto' }}>
          {translate('journey.account.backToFind')}
        </MuiLink>
      </Box>
      <Grid container spacing={2} sx={{ alignItems: 'flex-start' }}>
        {/* The warnings head the account column, before any action in reading order; the case column beside it
            (md and up) starts at the same height for every account and stays in view while the account scrolls,
            scrolling on its own: at 1440×900 the question being asked and the action it enables are on screen
            together, and a warning that loads late no longer pushes the focused input out of view. */}
        <Grid size={{ xs: 12, md: 7, lg: 8 }}>
          <LockBanner account={account} />
          <IncidentHint accountId={account.id} />
          <ImpostorSignal accountId={account.id} />
          <RiskSignalsPanel accountId={account.id} />
          <SelfServiceAttempts accountId={account.id} />
          <PendingEmailChange accountId={account.id} />
          {kase?.status === 'closed' && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('journey.case.closedActions')}
            </Alert>
          )}
          <Card variant="outlined">
            <CardContent>
              <AccountActions account={account} kase={kase} />
              <Box component="section" aria-labelledby="account-summary-heading" sx={{ mt: 3 }}>
                <Typography id="account-summary-heading" variant="h6" component="h2" gutterBottom>
                  {translate('journey.account.summary')}
                </Typography>
                <Summary account={account} />
              </Box>
              <MessagesSent kase={kase} />
              <AccountActivity kase={kase} />
              <AccountTimeline kase={kase} />
            </CardContent>
          </Card>
        </Grid>
        {/* Focusable and named: a scrolling region must be reachable by keyboard even when what it holds is not
            (a closed case), so keyboard users can scroll it (WCAG 2.1.1; axe scrollable-region-focusable). */}
        <Grid
          size={{ xs: 12, md: 5, lg: 4 }}
          sx={CASE_COLUMN_STICKY}
          tabIndex={0}
          role="region"
          aria-label={translate('journey.case.column')}
        >
          <CaseColumn account={account} />
        </Grid>
      </Grid>
    </Box>
  );
}

/** Below the app bar (64 px) with the page's margins; tall cases scroll inside the column. */
const CASE_COLUMN_STICKY = {
  position: { md: 'sticky' },
  top: { md: 72 },
  maxHeight: { md: 'calc(100vh - 88px)' },
  overflowY: { md: 'auto' },
} as const;

/** The account workspace: why it is locked, the case that verifies the caller, the actions, the activity. */
export function AccountShow() {
  // Start loading the case with the account, not after it: one round trip less before the agent can type.
  useAccountCase(Number(useParams().id) || undefined);
  return (
    <Show actions={false} title={<AccountTitle />} component="div" emptyWhileLoading>
      <Workspace />
    </Show>
  );
}
