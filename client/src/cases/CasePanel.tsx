import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Box, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CaseView } from '../api/types';
import { UnfreezeButton } from './CloseCaseButton';
import { CaseNotes } from './handling/CaseNotes';
import { CloseCaseButton } from './handling/CloseCase';
import { HandoffPanel } from './handling/HandoffPanel';
import { ImpostorButtons } from './handling/ImpostorButtons';
import { TroubleshootingChecklist } from './TroubleshootingChecklist';
import { useFormatTime } from './useFormatTime';
import { VerificationChecklist } from './VerificationChecklist';

/** The level as words and a badge ("L2 — verified: identity + transaction or code"), not a colour. */
export function LevelBadge({ level }: { level: number }) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <Chip
        icon={<VerifiedUserIcon aria-hidden />}
        color={level >= 2 ? 'success' : level === 1 ? 'primary' : 'default'}
        label={translate('journey.level.badge', { level })}
        data-testid="case-level"
        data-level={level}
      />
      <Typography variant="body2">{translate(`journey.level.L${level}`)}</Typography>
    </Box>
  );
}

/** One contact with the customer: its verification, its troubleshooting and its end. */
export function CasePanel({ kase, accountVersion }: { kase: CaseView; accountVersion?: number }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  return (
    <Card component="section" aria-labelledby={`case-${kase.id}-heading`} variant="outlined">
      <CardContent>
        <Typography id={`case-${kase.id}-heading`} variant="h6" component="h2">
          {translate('journey.case.heading', { id: kase.id })}
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate('journey.case.meta', {
            channel: translate(`journey.channels.${kase.channel}`, { _: kase.channel }),
            status: translate(`journey.case.statuses.${kase.status}`),
            time: formatTime(kase.openedAt),
          })}
        </Typography>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <LevelBadge level={kase.level} />
          {kase.verificationFrozen && (
            <Alert severity="error" role="status">
              {translate('journey.customerFreeze.frozen')}
            </Alert>
          )}
          {kase.status === 'closed' && (
            <Alert severity="info" role="status">
              {translate('journey.case.closedNote', {
                resolution: kase.resolution
                  ? translate(`resources.cases.resolutions.${kase.resolution}`, { _: kase.resolution })
                  : '',
              })}
            </Alert>
          )}
          <HandoffPanel kase={kase} />
          <UnfreezeButton kase={kase} />
          <VerificationChecklist kase={kase} />
          <Divider />
          <TroubleshootingChecklist kase={kase} />
          <Divider />
          <CaseNotes kase={kase} />
          <Divider />
          <Box>
            <CloseCaseButton kase={kase} />
          </Box>
          <ImpostorButtons kase={kase} accountVersion={accountVersion} />
        </Stack>
      </CardContent>
    </Card>
  );
}
