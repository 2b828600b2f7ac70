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
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { MAX_REASON, MIN_REASON } from '../../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider } from '../../api/dataProvider';

type Props = {
  open: boolean;
  caseId: number;
  busy: boolean;
  onConfirm: (staffId: number, reason: string) => void;
  onClose: () => void;
};

/** Whom to hand the case to (the server lists only whom this staff member may choose) and why. */
export function TransferDialog({ open, caseId, busy, onConfirm, onClose }: Props) {
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
  useEffect(() => {
    if (open) {
      setStaffId('');
      setReason('');
    }
  }, [open]);
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
            onChange={(e) => setStaffId(Number(e.target.value))}
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
            onChange={(e) => setReason(e.target.value)}
            helperText={translate('journey.confirm.reasonHelp', { min: MIN_REASON })}
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
