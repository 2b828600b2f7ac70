import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { MAX_REASON, MIN_REASON } from '../../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider } from '../../api/dataProvider';
import { useFieldRefusal } from '../../api/fieldRefusal';

type Props = {
  open: boolean;
  caseId: number;
  busy: boolean;
  /** The last refusal of the transfer: the field it names gets its words and the focus. */
  error?: unknown;
  onConfirm: (staffId: number, reason: string) => void;
  onClose: () => void;
};

/** Whom to hand the case to (the server lists only whom this staff member may choose) and why. */
export function TransferDialog({ open, caseId, busy, error, onConfirm, onClose }: Props) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const titleId = useId();
  const [staffId, setStaffId] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const assignees = useQuery({
    queryKey: ['case-assignees'],
    queryFn: () => dataProvider.caseAssignees(),
    enabled: open,
  });
  const refusalOf = useFieldRefusal();
  const refused = {
    staffId: error ? refusalOf(error, 'staffId') : null,
    reason: error ? refusalOf(error, 'reason') : null,
  };
  const staffRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  // A refusal stays until its field is edited; a dialog opened again starts clean.
  const [dismissed, setDismissed] = useState<unknown>(null);
  const latestError = useRef(error);
  latestError.current = error;
  useEffect(() => {
    if (open) {
      setStaffId('');
      setReason('');
      setDismissed(latestError.current);
    }
  }, [open]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new refusal (the error object) moves the focus again, even with the same words
  useEffect(() => {
    if (!open) return;
    if (refused.staffId) staffRef.current?.focus();
    else if (refused.reason) reasonRef.current?.focus();
  }, [open, error, refused.staffId, refused.reason]);
  const shown = (field: 'staffId' | 'reason') => (dismissed !== error ? refused[field] : null);
  const ready = staffId !== '' && reason.trim().length >= MIN_REASON;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !busy) onConfirm(Number(staffId), reason.trim());
  };
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          {translate('resources.cases.handoff.transfer_title', { id: caseId })}
        </DialogTitle>
        <DialogContent>
          <TextField
            select
            fullWidth
            required
            margin="normal"
            name="staffId"
            label={translate('resources.cases.handoff.transfer_to')}
            value={staffId}
            inputRef={staffRef}
            error={Boolean(shown('staffId'))}
            helperText={shown('staffId') ?? undefined}
            onChange={(e) => {
              setStaffId(Number(e.target.value));
              setDismissed(error);
            }}
          >
            {(assignees.data ?? []).map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {`${s.fullName} (${s.username}) · ${translate(`app.roles.${s.role}`)}`}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            fullWidth
            required
            margin="normal"
            name="reason"
            autoComplete="off"
            label={translate('journey.confirm.reason')}
            value={reason}
            inputRef={reasonRef}
            onChange={(e) => {
              setReason(e.target.value);
              setDismissed(error);
            }}
            error={Boolean(shown('reason'))}
            helperText={shown('reason') ?? translate('journey.confirm.reasonHelp', { min: MIN_REASON })}
            slotProps={{ htmlInput: { maxLength: MAX_REASON } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!ready || busy}>
            {translate('resources.cases.handoff.transfer')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
