import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CaseRecord } from '../cases/api';
import type { AccountRecord } from './api';
import { CommandButton } from './CommandButton';

type Props = { account: AccountRecord; kase: CaseRecord | null };

/**
 * Where the forgotten-email call starts: the caller hears the masked address (`z***g@1**.com`) and often
 * remembers it. The hint is asked of the server (policy L1, audited), not read off the page.
 */
export function EmailHintButton({ account, kase }: Props) {
  const translate = useTranslate();
  const [hint, setHint] = useState<string | null>(null);
  const titleId = useId();
  return (
    <>
      <CommandButton
        account={account}
        kase={kase}
        action="email_hint"
        command="emailHint"
        icon={<AlternateEmailIcon />}
        label={translate('journey.actions.emailHint.label')}
        confirmTitle={translate('journey.actions.emailHint.confirm', { name: account.fullName })}
        description={translate('journey.actions.emailHint.description')}
        successMessage="journey.actions.emailHint.done"
        onDone={(result) => setHint((result as { maskedEmail?: string }).maskedEmail ?? '')}
      />
      <Dialog open={hint !== null} onClose={() => setHint(null)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{translate('journey.actions.emailHint.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('journey.actions.emailHint.shown')}</DialogContentText>
          <Typography
            variant="h5"
            component="p"
            sx={{ mt: 2, fontFamily: 'monospace' }}
            data-testid="email-hint"
          >
            {hint}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button autoFocus onClick={() => setHint(null)}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
