import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import { useNextStep } from '../accounts/PendingEmailChange';
import type { EmailChangeView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';
import { ApprovalEvidencePanel } from './ApprovalEvidencePanel';
import { DecisionButtons } from './DecisionButtons';
import { EmailChangeStatusChip, StaffName } from './fields';

function Row({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
        {translate(`resources.email-changes.fields.${label}`)}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function Details() {
  const change = useRecordContext<EmailChangeView>();
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const nextStep = useNextStep();
  if (!change) return null;
  const decided = change.decidedBy !== null && change.decidedBy !== undefined;
  return (
    <Card variant="outlined">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1">
            {translate('resources.email-changes.request_title', { id: change.id })}
          </Typography>
          <EmailChangeStatusChip status={change.status} />
        </Box>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
        >
          <Row label="createdAt">{formatTime(change.createdAt)}</Row>
          <Row label="oldEmailMasked">
            <Box component="span" sx={{ fontFamily: 'monospace' }}>
              {change.oldEmailMasked}
            </Box>
          </Row>
          <Row label="newEmailMasked">
            <Box component="span" sx={{ fontFamily: 'monospace' }}>
              {change.newEmailMasked}
            </Box>
          </Row>
          <Row label="reason">{change.reason}</Row>
          {decided && (
            <>
              <Row label="decidedBy">
                <StaffName source="decidedBy" record={change} />
              </Row>
              <Row label="decidedAt">{formatTime(change.decidedAt)}</Row>
              <Row label="decisionReason">{change.decisionReason ?? ''}</Row>
            </>
          )}
          {change.confirmedAt && <Row label="confirmedAt">{formatTime(change.confirmedAt)}</Row>}
          {change.revertUntil && change.status === 'completed' && (
            <Row label="revertUntil">{formatTime(change.revertUntil)}</Row>
          )}
          {change.revertedAt && <Row label="revertedAt">{formatTime(change.revertedAt)}</Row>}
        </Box>
        <ApprovalEvidencePanel evidence={change.evidence} accountId={change.accountId} />
        {change.nextStepBy !== null && (
          <Typography variant="body2" data-testid="email-change-next">
            {nextStep(change)}
          </Typography>
        )}
        {change.status === 'pending_approval' && (
          <Typography variant="body2" data-testid="email-change-story">
            {translate('resources.email-changes.story')}
          </Typography>
        )}
        <DecisionButtons change={change} vars={{ from: change.oldEmailMasked, to: change.newEmailMasked }} />
      </CardContent>
    </Card>
  );
}

/** One request: masked old → new, why, the evidence it rests on (who asked, the case, its checks), and the decision. */
export function EmailChangeShow() {
  return (
    <AccessGate resource="email-changes" action="show">
      <Show actions={false} component="div" emptyWhileLoading sx={{ p: { xs: 1, md: 2 } }}>
        <Details />
      </Show>
    </AccessGate>
  );
}
