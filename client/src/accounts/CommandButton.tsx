import { Box, Button, FormHelperText, Tooltip } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useId, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { errorStatus } from '../api/httpClient';
import type { AccountView, ActionDecision, CaseView, CommandInput, PolicyAction } from '../api/types';
import { explainMissing, useExplainError } from '../cases/useExplainError';
import { ConfirmWithReasonDialog } from './ConfirmWithReasonDialog';

export type CommandButtonProps<Answer> = {
  account: AccountView;
  kase: CaseView | null;
  /** The policy action whose server-computed decision enables the button. */
  action: PolicyAction;
  /** The data-provider method this button calls, given the case, the reason and the version. */
  run: (dataProvider: AppDataProvider, body: CommandInput) => Promise<Answer>;
  label: string;
  icon?: ReactElement;
  confirmTitle: string;
  description?: ReactNode;
  successMessage: string;
  onDone?: (answer: Answer) => void;
  color?: 'primary' | 'error' | 'warning';
  /** The action the journey leads to (unlock): it takes the focus once verification enables it. */
  primary?: boolean;
};

/** Mirrors the server's decision: no case means "open a case first". The server decides again on submit. */
export function decisionFor(kase: CaseView | null, action: PolicyAction): ActionDecision {
  if (!kase) return { allowed: false, missing: ['case:required'] };
  return kase.actions?.[action] ?? { allowed: false, missing: [] };
}

/**
 * One account command: a button enabled by the case's `actions`, a disabled one saying what is missing (tooltip
 * and visible text), a confirm dialog that takes the reason, and the account's version for optimistic concurrency.
 */
export function CommandButton<Answer>(props: CommandButtonProps<Answer>) {
  const { account, kase, action, run, label, icon, confirmTitle, description, successMessage } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const [open, setOpen] = useState(false);
  const helperId = useId();
  const decision = decisionFor(kase, action);
  const why = decision.allowed
    ? ''
    : decision.missing.length
      ? translate('journey.actions.needs', { missing: explainMissing(translate, decision.missing) })
      : translate('journey.actions.notAllowed');

  const mutation = useMutation({
    mutationFn: (reason: string) => run(dataProvider, { caseId: kase!.id, reason, version: account.version }),
    onSuccess: (result) => {
      setOpen(false);
      notify(successMessage, { type: 'success' });
      refresh();
      props.onDone?.(result);
    },
    onError: (error) => {
      notify(explain(error), { type: 'error' });
      if (errorStatus(error) === 409 || errorStatus(error) === 403) {
        setOpen(false);
        refresh();
      }
    },
  });

  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', maxWidth: 220 }}>
      <Tooltip title={why} describeChild>
        <span>
          <Button
            variant={decision.allowed ? 'contained' : 'outlined'}
            color={props.color ?? 'primary'}
            startIcon={icon}
            disabled={!decision.allowed}
            onClick={() => setOpen(true)}
            aria-describedby={decision.allowed ? undefined : helperId}
            data-primary-action={props.primary ? '' : undefined}
          >
            {label}
          </Button>
        </span>
      </Tooltip>
      {!decision.allowed && <FormHelperText id={helperId}>{why}</FormHelperText>}
      <ConfirmWithReasonDialog
        open={open}
        title={confirmTitle}
        description={description}
        confirmLabel={label}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate(reason)}
        onClose={() => setOpen(false)}
      />
    </Box>
  );
}
