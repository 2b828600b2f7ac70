import GppBadIcon from '@mui/icons-material/GppBad';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CaseView } from '../../api/types';
import { useHandlingMutation } from './useHandlingMutation';

/**
 * "This caller was not the owner", in one click (docs/design.md, Resolutions): closes the case as
 * impostor suspected, which puts the signal on the account; the second button also holds the account.
 */
export function ImpostorButtons({ kase, accountVersion }: { kase: CaseView; accountVersion?: number }) {
  const translate = useTranslate();
  const mutation = useHandlingMutation(
    (dp, hold: boolean) =>
      dp.closeCase(kase.id, {
        resolution: 'impostor_suspected',
        hold,
        version: hold ? accountVersion : undefined,
      }),
    { done: 'resources.cases.impostor.done' },
  );
  if (kase.status !== 'open' || kase.caseActions?.act.allowed === false) return null;
  const busy = mutation.isPending || mutation.isSuccess;
  return (
    <Box component="section" aria-labelledby={`case-${kase.id}-impostor`}>
      <Typography id={`case-${kase.id}-impostor`} variant="subtitle1" component="h3">
        {translate('resources.cases.impostor.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('resources.cases.impostor.help')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          color="error"
          startIcon={<GppBadIcon />}
          disabled={busy}
          onClick={() => mutation.mutate(false)}
        >
          {translate('resources.cases.impostor.report')}
        </Button>
        <Button variant="contained" color="error" disabled={busy} onClick={() => mutation.mutate(true)}>
          {translate('resources.cases.impostor.report_and_hold')}
        </Button>
      </Stack>
    </Box>
  );
}
