import VisibilityIcon from '@mui/icons-material/Visibility';
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

type Props = { account: AccountRecord; kase: CaseRecord | null; field: 'phone' | 'email' };

/**
 * The one unmasked read (audited by the server). The value lives in this component's state only and is gone when
 * the dialog closes.
 */
export function RevealButton({ account, kase, field }: Props) {
  const translate = useTranslate();
  const [value, setValue] = useState<string | null>(null);
  const titleId = useId();
  return (
    <>
      <CommandButton
        account={account}
        kase={kase}
        action="reveal"
        command="reveal"
        icon={<VisibilityIcon />}
        extraBody={{ field }}
        label={translate(`journey.actions.reveal.${field}`)}
        confirmTitle={translate(`journey.actions.reveal.${field}`)}
        description={translate('journey.actions.reveal.description')}
        successMessage="journey.actions.reveal.done"
        onDone={(result) => setValue((result as { value?: string }).value ?? '')}
      />
      <Dialog open={value !== null} onClose={() => setValue(null)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{translate(`journey.actions.reveal.${field}`)}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('journey.actions.reveal.shown')}</DialogContentText>
          <Typography variant="h5" component="p" sx={{ mt: 2, fontFamily: 'monospace' }}>
            {value}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button autoFocus onClick={() => setValue(null)}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
