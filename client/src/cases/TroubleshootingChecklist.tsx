import { Checkbox, FormControl, FormControlLabel, FormGroup, FormLabel } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { TROUBLESHOOTING_STEPS, type Troubleshooting } from '../../../shared/domain';
import type { AppDataProvider } from '../api/dataProvider';
import type { CaseView } from '../api/types';
import { useExplainError } from './useExplainError';

/** The seed's first-line steps; each tick is saved on the case at once (no save button to forget). */
export function TroubleshootingChecklist({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const saved = kase.troubleshooting;
  const [steps, setSteps] = useState<Troubleshooting>(saved);
  const savedKey = JSON.stringify(saved);
  useEffect(() => setSteps(JSON.parse(savedKey) as Troubleshooting), [savedKey]);
  const mutation = useMutation({
    mutationFn: (next: Troubleshooting) => dataProvider.saveTroubleshooting(kase.id, next),
    onSuccess: () => {
      notify('journey.troubleshooting.saved', { type: 'success' });
      refresh();
    },
    onError: (error) => {
      setSteps(saved);
      notify(explain(error), { type: 'error' });
    },
  });
  const toggle = (step: keyof Troubleshooting, checked: boolean) => {
    const next = { ...steps, [step]: checked };
    setSteps(next);
    mutation.mutate(next);
  };
  return (
    <FormControl component="fieldset" variant="standard" disabled={kase.status !== 'open'}>
      {/* A closed case's checklist is read-only, but its heading must stay readable (contrast ≥ 4.5). */}
      <FormLabel component="legend" sx={{ '&.Mui-disabled': { color: 'text.secondary' } }}>
        {translate('journey.troubleshooting.heading')}
      </FormLabel>
      <FormGroup>
        {TROUBLESHOOTING_STEPS.map((step) => (
          <FormControlLabel
            key={step}
            control={
              <Checkbox checked={steps[step]} onChange={(e) => toggle(step, e.target.checked)} name={step} />
            }
            label={translate(`journey.troubleshooting.${step}`)}
          />
        ))}
      </FormGroup>
    </FormControl>
  );
}
