import { Box, Button } from '@mui/material';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { CaseView } from '../api/types';
import { CasePanel } from './CasePanel';

function CaseBody() {
  const kase = useRecordContext<CaseView>();
  const translate = useTranslate();
  if (!kase) return null;
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 640 }}>
      <Box>
        <Button component={Link} variant="contained" to={`/accounts/${kase.accountId}/show?case=${kase.id}`}>
          {translate('journey.case.goToAccount')}
        </Button>
      </Box>
      <CasePanel kase={kase} />
    </Box>
  );
}

function CaseTitle() {
  const kase = useRecordContext<CaseView>();
  const translate = useTranslate();
  return <span>{translate('journey.case.heading', { id: kase?.id ?? '' })}</span>;
}

/** A case on its own; the account workspace (linked) is where the actions are. */
export function CaseShow() {
  return (
    <Show actions={false} title={<CaseTitle />} component="div" emptyWhileLoading>
      <CaseBody />
    </Show>
  );
}
