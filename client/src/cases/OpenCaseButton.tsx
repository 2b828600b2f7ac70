import AddIcCallIcon from '@mui/icons-material/AddIcCall';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { CaseChannel } from '../../../shared/domain';
import type { AppDataProvider } from '../api/dataProvider';
import type { LookupBody } from '../api/types';
import { useExplainError } from './useExplainError';

type Props = {
  accountId: number;
  channel?: CaseChannel;
  /** What the caller already said in the lookup: the server checks it again so nobody types it twice. */
  callerDetails?: LookupBody;
  label?: string;
  variant?: 'contained' | 'outlined';
  autoFocus?: boolean;
};

/** Opens a case and lands on the account page with the case id (not PII) in the URL. */
export function OpenCaseButton({
  accountId,
  channel = 'phone',
  callerDetails,
  label,
  variant = 'contained',
  autoFocus,
}: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const mutation = useMutation({
    mutationFn: () => dataProvider.openCase({ accountId, channel, callerDetails }),
    onSuccess: (kase) => {
      notify('journey.case.opened', { type: 'info', messageArgs: { id: kase.id, level: kase.level } });
      void navigate(`/accounts/${accountId}/show?case=${kase.id}`);
    },
    onError: (error) => notify(explain(error), { type: 'error' }),
  });
  return (
    <Button
      variant={variant}
      size="small"
      startIcon={<AddIcCallIcon />}
      autoFocus={autoFocus}
      sx={{ whiteSpace: 'nowrap' }}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate()}
    >
      {label ?? translate('journey.case.open')}
    </Button>
  );
}
