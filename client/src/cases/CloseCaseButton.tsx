import LockResetIcon from '@mui/icons-material/LockReset';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import { ConfirmWithReasonDialog } from '../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider } from '../api/dataProvider';
import type { CaseView } from '../api/types';
import { useExplainError } from './useExplainError';

type Props = { kase: CaseView };

function useCaseCommand(
  run: (dataProvider: AppDataProvider, text: string) => Promise<unknown>,
  done: string,
  close: () => void,
) {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const explain = useExplainError();
  return useMutation({
    mutationFn: (text: string) => run(dataProvider, text),
    onSuccess: () => {
      close();
      notify(done, { type: 'success' });
      refresh();
    },
    onError: (error) => notify(explain(error), { type: 'error' }),
  });
}

/** Only a supervisor can lift a verification freeze (3 mismatches), with a reason. */
export function UnfreezeButton({ kase }: Props) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState(false);
  const mutation = useCaseCommand(
    (dataProvider, text) => dataProvider.unfreezeCase(kase.id, text),
    'journey.case.unfrozen',
    () => setOpen(false),
  );
  if (!kase.verificationFrozen || kase.status !== 'open' || permissions !== 'supervisor') return null;
  return (
    <>
      <Button variant="contained" color="warning" startIcon={<LockResetIcon />} onClick={() => setOpen(true)}>
        {translate('journey.case.unfreeze')}
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        title={translate('journey.case.unfreeze')}
        confirmLabel={translate('journey.case.unfreeze')}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(text) => mutation.mutate(text)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
