import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ConfirmWithReasonDialog } from '../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider, StaffStep } from '../api/dataProvider';
import { useFieldRefusal } from '../api/fieldRefusal';
import type { StaffMemberView, TemporaryPasswordAnswer } from '../api/types';
import { useStaffErrorNotice } from './useStaffErrorNotice';

/** `reset-password` → `reset_password`: the i18n keys and the audit actions use underscores. */
const stepKey = (step: StaffStep) => step.replace('-', '_');

type Props = {
  member: StaffMemberView;
  step: StaffStep;
  icon?: ReactElement;
  color?: 'primary' | 'error' | 'warning';
  onTemporaryPassword?: (answer: TemporaryPasswordAnswer) => void;
};

/** One lifecycle step: a confirm dialog that takes the reason, then notify and refresh. The server decides. */
export function StaffStepButton({ member, step, icon, color = 'primary', onTemporaryPassword }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useStaffErrorNotice();
  const refusalOf = useFieldRefusal();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [open, setOpen] = useState(false);
  const key = `resources.staff.steps.${stepKey(step)}`;

  const mutation = useMutation({
    mutationFn: (reason: string) => dataProvider.staffStep(member.id, step, reason),
    onSuccess: (answer) => {
      setOpen(false);
      notify(`${key}.done`, { type: 'success' });
      if ('temporaryPassword' in answer) onTemporaryPassword?.(answer);
      refresh();
    },
    onError: (error) => {
      notifyError(error);
      if (refusalOf(error, 'reason')) return;
      setOpen(false);
      refresh();
    },
  });

  return (
    <>
      <Button variant="outlined" color={color} startIcon={icon} onClick={() => setOpen(true)}>
        {translate(`${key}.label`)}
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        title={translate(`${key}.confirm`, { name: member.fullName })}
        description={translate(`${key}.description`)}
        confirmLabel={translate(`${key}.label`)}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate(reason)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
