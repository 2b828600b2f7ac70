import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslate } from 'react-admin';

export const MIN_REASON = 5;
export const MAX_REASON = 500;

type Props = {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  reasonLabel?: string;
  minLength?: number;
  busy?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
};

/**
 * Every sensitive action takes a written reason. The reason field has the focus when the dialog opens and
 * Enter confirms (it is a form), so a keyboard-only agent goes: type, Enter.
 */
export function ConfirmWithReasonDialog(props: Props) {
  const { open, title, description, confirmLabel, minLength = MIN_REASON, busy, onConfirm, onClose } = props;
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
    }
  }, [open]);
  const tooShort = reason.trim().length < minLength;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!tooShort && !busy) onConfirm(reason.trim());
  };
  return (
    <Dialog
      open={open}
      // Escape and Cancel close it; a click beside it does not: the second click of a double click on the
      // button that opened it would land on the backdrop and throw the dialog (and a typed reason) away.
      onClose={(_event, why) => {
        if (!busy && why !== 'backdropClick') onClose();
      }}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {description && <DialogContentText component="div">{description}</DialogContentText>}
          <TextField
            autoFocus
            required
            fullWidth
            margin="normal"
            name="reason"
            autoComplete="off"
            label={props.reasonLabel ?? translate('journey.confirm.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={touched && tooShort}
            helperText={translate('journey.confirm.reasonHelp', { min: minLength })}
            slotProps={{ htmlInput: { maxLength: MAX_REASON } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
