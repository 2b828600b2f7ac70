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
type Props = {
  /** The request resource, whose texts name the buttons and dialogs (`resources.<resource>.approve.*`, ...). */
  resource?: 'email-changes' | 'two-factor-resets';
  change: Pick<EmailChangeView, 'id' | 'status' | 'requestedBy'>;
  /** What the dialog titles fill in (the masked addresses of an email change). */
  vars?: Record<string, string>;
  decide?: (dataProvider: AppDataProvider, decision: EmailChangeDecision, reason: string) => Promise<unknown>;
};

/** The same four-eyes decision for every request kind: an email change by default. */
export function DecisionButtons({ resource = 'email-changes', change, vars = {}, decide }: Props) {
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
      decide
        ? decide(dataProvider, decision, reason)
        : dataProvider.decideEmailChange(change.id, decision, reason),
    onSuccess: (_result, { decision }) => {
      setOpen(null);
      notify(`resources.${resource}.${decision}.done`, { type: 'success' });
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
        {translate(`resources.${resource}.${blocker}`)}
      </Alert>
    );
  }

  const decision = open ?? 'approve';
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Button
        variant="contained"
        color="primary"
        startIcon={<CheckIcon />}
        onClick={() => setOpen('approve')}
      >
        {translate(`resources.${resource}.approve.label`)}
      </Button>
      <Button variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen('reject')}>
        {translate(`resources.${resource}.reject.label`)}
      </Button>
      <ConfirmWithReasonDialog
        open={open !== null}
        title={translate(`resources.${resource}.${decision}.confirm`, vars)}
        // Approving: the same steps the agent's request dialog told (resources.<resource>.story).
        description={translate(
          decision === 'approve' ? `resources.${resource}.story` : `resources.${resource}.reject.description`,
        )}
        confirmLabel={translate(`resources.${resource}.${decision}.label`)}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate({ decision, reason })}
        onClose={() => setOpen(null)}
      />
    </Box>
  );
}
