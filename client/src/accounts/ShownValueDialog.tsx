import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';

type Props = {
  /** null keeps the dialog closed; the value lives only in the caller's state. */
  value: string | null;
  title: string;
  explanation: string;
  onClose: () => void;
  testId?: string;
};

/** Shows one value the server answered (a masked hint, a revealed contact) for the agent to read out. */
export function ShownValueDialog({ value, title, explanation, onClose, testId }: Props) {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Dialog open={value !== null} onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{explanation}</DialogContentText>
        <Typography variant="h5" component="p" sx={{ mt: 2, fontFamily: 'monospace' }} data-testid={testId}>
          {value}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={onClose}>
          {translate('ra.action.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
