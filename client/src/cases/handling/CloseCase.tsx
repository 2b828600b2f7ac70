import DoneAllIcon from '@mui/icons-material/DoneAll';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { CASE_RESOLUTIONS, type CaseResolution } from '../../../../shared/domain';
import type { CaseView } from '../../api/types';
import { useHandlingMutation } from './useHandlingMutation';

/** Resolutions chosen in the close dialog; impostor_suspected has its own one-click buttons. */
const ORDINARY_RESOLUTIONS = CASE_RESOLUTIONS.filter((r) => r !== 'impostor_suspected');

/** Ends the contact with a resolution from the fixed list (docs/design.md, Resolutions); the owner only. */
export function CloseCaseButton({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [resolution, setResolution] = useState<CaseResolution | ''>('');
  const titleId = useId();
  const mutation = useHandlingMutation(
    (dp, chosen: CaseResolution) => dp.closeCase(kase.id, { resolution: chosen }),
    { done: 'resources.cases.close.done', onSuccess: () => setOpen(false) },
  );
  if (kase.status !== 'open' || kase.caseActions?.act.allowed === false) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (resolution && !mutation.isPending) mutation.mutate(resolution);
  };
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DoneAllIcon />}
        onClick={() => {
          setResolution('');
          setOpen(true);
        }}
      >
        {translate('journey.case.close')}
      </Button>
      <Dialog
        open={open}
        onClose={mutation.isPending ? undefined : () => setOpen(false)}
        aria-labelledby={titleId}
      >
        <form onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>{translate('resources.cases.close.title', { id: kase.id })}</DialogTitle>
          <DialogContent>
            <DialogContentText id={`${titleId}-help`}>
              {translate('resources.cases.close.choose')}
            </DialogContentText>
            <RadioGroup
              name="resolution"
              aria-label={translate('resources.cases.close.resolution')}
              value={resolution}
              onChange={(e) => setResolution(e.target.value as CaseResolution)}
            >
              {ORDINARY_RESOLUTIONS.map((r) => (
                <FormControlLabel
                  key={r}
                  value={r}
                  control={<Radio />}
                  label={translate(`resources.cases.resolutions.${r}`)}
                />
              ))}
            </RadioGroup>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={mutation.isPending}>
              {translate('ra.action.cancel')}
            </Button>
            <Button type="submit" variant="contained" disabled={!resolution || mutation.isPending}>
              {translate('journey.case.close')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
