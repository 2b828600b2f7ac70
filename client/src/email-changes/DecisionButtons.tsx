import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Alert, Box, Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ConfirmWithReasonDialog } from '../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider } from '../api/dataProvider';
import { useFieldRefusal } from '../api/fieldRefusal';
import type { EmailChangeDecision, EmailChangeView } from '../api/types';
import { useExplainError } from '../cases/useExplainError';
import { decisionBlocker } from './decision';

/**
 * Approve / Reject, each behind a written reason. The requester (even a supervisor) sees why they cannot decide
 * instead of the buttons; the server refuses anyway (403) and audits the attempt.
 */
export function DecisionButtons({ change }: { change: EmailChangeView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const refusalOf = useFieldRefusal();
  const { identity, isPending } = useGetIdentity();
  const [open, setOpen] = useState<EmailChangeDecision | null>(null);
  const mutation = useMutation({
    mutationFn: ({ decision, reason }: { decision: EmailChangeDecision; reason: string }) =>
      dataProvider.decideEmailChange(change.id, decision, reason),
    onSuccess: (_result, { decision }) => {
      setOpen(null);
      notify(`resources.email-changes.${decision}.done`, { type: 'success' });
      refresh();
    },
    onError: (error) => {
      notify(explain(error), { type: 'error' });
      // A reason the server refused stays in the dialog for the supervisor to fix (the focus goes there).
      if (refusalOf(error, 'reason')) return;
      setOpen(null);
      refresh();
    },
  });
  if (isPending) return null;

  const blocker = decisionBlocker(
    change,
    identity ? { id: identity.id, role: String(identity.role) } : undefined,
  );
  if (blocker === 'not_pending') return null;
  if (blocker) {
    return (
      <Alert severity="info" data-testid="email-change-blocker">
        {translate(`resources.email-changes.${blocker}`)}
      </Alert>
    );
  }

  const vars = { from: change.oldEmailMasked, to: change.newEmailMasked };
  const decision = open ?? 'approve';
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Button
        variant="contained"
        color="primary"
        startIcon={<CheckIcon />}
        onClick={() => setOpen('approve')}
      >
        {translate('resources.email-changes.approve.label')}
      </Button>
      <Button variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen('reject')}>
        {translate('resources.email-changes.reject.label')}
      </Button>
      <ConfirmWithReasonDialog
        open={open !== null}
        title={translate(`resources.email-changes.${decision}.confirm`, vars)}
        // Approving: the same steps the agent's request dialog told (resources.email-changes.story).
        description={translate(
          decision === 'approve'
            ? 'resources.email-changes.story'
            : 'resources.email-changes.reject.description',
        )}
        confirmLabel={translate(`resources.email-changes.${decision}.label`)}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate({ decision, reason })}
        onClose={() => setOpen(null)}
      />
    </Box>
  );
}
