import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormHelperText,
  TextField,
  Tooltip,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { useFieldRefusal } from '../api/fieldRefusal';
import { errorBody, errorStatus } from '../api/httpClient';
import type { AccountView, CaseView } from '../api/types';
import { explainMissing, useExplainError } from '../cases/useExplainError';
import { looksLikeEmail } from '../email-changes/decision';
import { decisionFor } from './CommandButton';
import { MAX_REASON, MIN_REASON } from './ConfirmWithReasonDialog';

type Props = { account: AccountView; kase: CaseView | null };
type Fields = { newEmail: string; reason: string };

/**
 * Files a change of the registered email (needs L3). Nothing changes yet: a second supervisor approves, the new
 * address confirms, and the old one can undo it for 72 h. The dialog is one form: new address, reason, Enter.
 */
export function EmailChangeButton({ account, kase }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const refusalOf = useFieldRefusal();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Fields>({ newEmail: '', reason: '' });
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const helperId = useId();
  const titleId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  /** A refusal naming a field shows under it and takes the focus there (issue 6, point 9). */
  const refuseField = (field: keyof Fields, text: string) => {
    setServerErrors({ [field]: text });
    (field === 'newEmail' ? emailRef : reasonRef).current?.focus();
  };
  const decision = decisionFor(kase, 'email_change');
  const why = decision.allowed
    ? ''
    : decision.missing.length
      ? translate('journey.actions.needs', { missing: explainMissing(translate, decision.missing) })
      : translate('journey.actions.notAllowed');

  useEffect(() => {
    if (open) {
      setFields({ newEmail: '', reason: '' });
      setTouched(false);
      setServerErrors({});
    }
  }, [open]);

  const mutation = useMutation({
    mutationFn: (input: Fields) =>
      dataProvider.requestEmailChange(account.id, {
        caseId: kase!.id,
        reason: input.reason,
        version: account.version,
        newEmail: input.newEmail,
      }),
    onSuccess: () => {
      setOpen(false);
      notify('journey.actions.emailChange.done', { type: 'success' });
      refresh();
    },
    onError: (error) => {
      const status = errorStatus(error);
      const body = errorBody(error);
      // A 409 without a current version is about the address (taken, or a change already open): the agent can
      // fix it in place. A stale version or a refusal reloads the page, as every other command does.
      if (status === 409 && body.currentVersion === undefined) {
        const reason = body.code === 'address_taken' || body.code === 'open_change' ? body.code : 'conflict';
        const text = translate(`journey.actions.emailChange.${reason}`);
        refuseField('newEmail', text);
        notify(text, { type: 'error' });
        return;
      }
      notify(explain(error), { type: 'error' });
      // The server's field messages are English; the console shows its own words for the field it names.
      if (status === 400 && body.errors?.newEmail) {
        refuseField('newEmail', translate('journey.actions.emailChange.rejectedEmail'));
      } else if (status === 400 && body.errors?.reason) {
        refuseField('reason', refusalOf(error, 'reason') ?? '');
      }
      if (status === 403 || status === 409) {
        setOpen(false);
        refresh();
      }
    },
  });

  const emailBad = !looksLikeEmail(fields.newEmail);
  const reasonBad = fields.reason.trim().length < MIN_REASON;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (emailBad || reasonBad || mutation.isPending) return;
    setServerErrors({});
    mutation.mutate({ newEmail: fields.newEmail.trim(), reason: fields.reason.trim() });
  };
  const set = (key: keyof Fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));

  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', maxWidth: 220 }}>
      <Tooltip title={why} describeChild>
        <span>
          <Button
            variant={decision.allowed ? 'contained' : 'outlined'}
            startIcon={<ForwardToInboxIcon />}
            disabled={!decision.allowed}
            onClick={() => setOpen(true)}
            aria-describedby={decision.allowed ? undefined : helperId}
          >
            {translate('journey.actions.emailChange.label')}
          </Button>
        </span>
      </Tooltip>
      {!decision.allowed && <FormHelperText id={helperId}>{why}</FormHelperText>}
      <Dialog
        open={open}
        onClose={mutation.isPending ? undefined : () => setOpen(false)}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
      >
        <form onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>
            {translate('journey.actions.emailChange.confirm', { name: account.fullName })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {translate('journey.actions.emailChange.description', { email: account.maskedEmail })}
            </DialogContentText>
            {/* The same steps the approving supervisor reads in their dialog. */}
            <DialogContentText sx={{ mt: 1 }} data-testid="email-change-story">
              {translate('resources.email-changes.story')}
            </DialogContentText>
            <TextField
              autoFocus
              required
              fullWidth
              margin="normal"
              type="email"
              name="newEmail"
              autoComplete="off"
              label={translate('journey.actions.emailChange.newEmail')}
              value={fields.newEmail}
              inputRef={emailRef}
              onChange={set('newEmail')}
              error={(touched && emailBad) || Boolean(serverErrors.newEmail)}
              helperText={
                serverErrors.newEmail ??
                (touched && emailBad
                  ? translate('journey.actions.emailChange.invalidEmail')
                  : translate('journey.actions.emailChange.newEmailHelp'))
              }
              slotProps={{ htmlInput: { maxLength: 254, spellCheck: false } }}
            />
            <TextField
              required
              fullWidth
              margin="normal"
              name="reason"
              autoComplete="off"
              label={translate('journey.confirm.reason')}
              value={fields.reason}
              inputRef={reasonRef}
              onChange={set('reason')}
              error={(touched && reasonBad) || Boolean(serverErrors.reason)}
              helperText={serverErrors.reason || translate('journey.confirm.reasonHelp', { min: MIN_REASON })}
              slotProps={{ htmlInput: { maxLength: MAX_REASON } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={mutation.isPending}>
              {translate('ra.action.cancel')}
            </Button>
            <Button type="submit" variant="contained" disabled={mutation.isPending}>
              {translate('journey.actions.emailChange.label')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Box>
  );
}
