import { Box, Card, CardContent, Typography } from '@mui/material';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { TwoFactorResetView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';
import { ApprovalEvidencePanel } from '../email-changes/ApprovalEvidencePanel';
import { DecisionButtons } from '../email-changes/DecisionButtons';
import { TwoFactorResetStatusChip } from './TwoFactorResetList';

function Details() {
  const reset = useRecordContext<TwoFactorResetView>();
  const translate = useTranslate();
  const formatTime = useFormatTime();
  if (!reset) return null;
  const rows: [string, string][] = [
    ['createdAt', formatTime(reset.createdAt)],
    ['reason', reset.reason],
  ];
  if (reset.decidedAt)
    rows.push(['decidedAt', formatTime(reset.decidedAt)], ['decisionReason', reset.decisionReason ?? '']);
  return (
    <Card variant="outlined">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1">
            {translate('resources.two-factor-resets.request_title', { id: reset.id })}
          </Typography>
          <TwoFactorResetStatusChip status={reset.status} />
        </Box>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
        >
          {rows.map(([key, value]) => (
            <Box key={key} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
                {translate(`resources.two-factor-resets.fields.${key}`)}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
        <ApprovalEvidencePanel evidence={reset.evidence} accountId={reset.accountId} />
        {reset.status === 'pending_approval' && (
          <Typography variant="body2">{translate('resources.two-factor-resets.story')}</Typography>
        )}
        <DecisionButtons
          resource="two-factor-resets"
          change={reset}
          decide={(dp, decision, reason) => dp.decideTwoFactorReset(reset.id, decision, reason)}
        />
      </CardContent>
    </Card>
  );
}

/** One two-factor reset: why, the evidence it rests on, and a second supervisor's decision. */
export function TwoFactorResetShow() {
  return (
    <AccessGate resource="two-factor-resets" action="show">
      <Show actions={false} component="div" emptyWhileLoading sx={{ p: { xs: 1, md: 2 } }}>
        <Details />
      </Show>
    </AccessGate>
  );
}
