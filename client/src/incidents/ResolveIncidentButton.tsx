import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ConfirmWithReasonDialog } from '../accounts/ConfirmWithReasonDialog';
import type { AppDataProvider } from '../api/dataProvider';
import { useFieldRefusal } from '../api/fieldRefusal';
import type { IncidentView } from '../api/types';
import { useExplainError } from '../cases/useExplainError';
import { useIncidentText } from './useIncidentText';

/** Ends an open incident, with a written reason; a second resolve (another supervisor first) says so and reloads. */
export function ResolveIncidentButton({ incident }: { incident: IncidentView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const refusalOf = useFieldRefusal();
  const { title } = useIncidentText();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: (reason: string) => dataProvider.resolveIncident(incident.id, reason),
    onSuccess: () => {
      setOpen(false);
      notify('resources.incidents.resolve.done', { type: 'success' });
      refresh();
    },
    onError: (error) => {
      notify(explain(error), { type: 'error' });
      if (refusalOf(error, 'reason')) return;
      setOpen(false);
      refresh();
    },
  });
  if (incident.resolvedAt !== null) return null;
  return (
    <>
      <Button variant="outlined" color="success" startIcon={<DoneAllIcon />} onClick={() => setOpen(true)}>
        {translate('resources.incidents.resolve.label')}
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        title={translate('resources.incidents.resolve.confirm', { title: title(incident) })}
        description={translate('resources.incidents.resolve.description')}
        confirmLabel={translate('resources.incidents.resolve.label')}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate(reason)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
