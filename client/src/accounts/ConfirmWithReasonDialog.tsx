import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import {
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslate } from 'react-admin';
import { useFieldRefusal } from '../api/fieldRefusal';

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
  /**
   * The last refusal of the request this dialog sent (the mutation's error). When it names the reason field (400
   * `errors.reason`, or `errors.<field>`), its words show under the field and the focus goes there.
   */
  error?: unknown;
  /** The body field the reason is sent as (`reason`, or `note` for a hand-back). */
  field?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
};

/**
 * Every sensitive action takes a written reason. The reason field has the focus when the dialog opens and
 * Enter confirms (it is a form), so a keyboard-only agent goes: type, Enter. A refusal naming the reason puts
 * the focus back on it, with the server's objection in the console's words beneath.
 */
const INTERACTIVE = 'input, textarea, button, a, select, [role="button"], [tabindex]:not([tabindex="-1"])';

/**
 * The second click of a double click on the button that opened the dialog lands on the dialog itself, and a
 * click on its text would too: neither may take the focus from the reason the agent is about to type.
 */
const keepReasonFocused = (inputRef: RefObject<HTMLInputElement | null>) => (event: MouseEvent) => {
  const target = event.target as HTMLElement;
  if (document.activeElement === inputRef.current && !target.closest(INTERACTIVE)) event.preventDefault();
};

export function ConfirmWithReasonDialog(props: Props) {
  const { open, title, description, confirmLabel, minLength = MIN_REASON, busy, onConfirm, onClose } = props;
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const refusalOf = useFieldRefusal();
  const refusal = props.error ? refusalOf(props.error, props.field ?? 'reason') : null;
  // The refusal stays until the reason is edited; a dialog opened again starts clean.
  const [dismissed, setDismissed] = useState<unknown>(null);
  const latestError = useRef(props.error);
  latestError.current = props.error;
  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
      setDismissed(latestError.current);
    }
  }, [open]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new refusal (the error object) moves the focus again, even with the same words
  useEffect(() => {
    if (open && refusal) inputRef.current?.focus();
  }, [open, refusal, props.error]);
  const shownRefusal = refusal && dismissed !== props.error ? refusal : null;
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
      onMouseDown={keepReasonFocused(inputRef)}
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
            inputRef={inputRef}
            onChange={(e) => {
              setReason(e.target.value);
              setDismissed(props.error);
            }}
            error={(touched && tooShort) || Boolean(shownRefusal)}
            helperText={shownRefusal ?? translate('journey.confirm.reasonHelp', { min: minLength })}
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
