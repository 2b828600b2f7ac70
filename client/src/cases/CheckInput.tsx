import { Box, Button, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type Ref, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FREEZE_AFTER_MISMATCHES, type VerificationFactor } from '../../../shared/domain';
import type { AppDataProvider } from '../api/dataProvider';
import type { CheckAnswer } from '../api/types';
import { useExplainError } from './useExplainError';

type Props = {
  caseId: number;
  factor: VerificationFactor;
  mismatchCount: number;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  onAnswer?: (answer: CheckAnswer) => void;
};

/**
 * The agent types what the caller says; Enter submits (it is a form). The server answers matched or not, nothing
 * more: stored values never reach the console.
 */
export function CheckInput({ caseId, factor, mismatchCount, inputRef, disabled, onAnswer }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const [value, setValue] = useState('');
  const factorName = translate(`journey.factors.${factor}`);
  const mutation = useMutation({
    mutationFn: (typed: string) => dataProvider.addCheck(caseId, factor, typed),
    onSuccess: (answer) => {
      if (answer.matched) {
        setValue('');
        notify('journey.checks.matched', {
          type: 'success',
          messageArgs: { factor: factorName, level: answer.level },
        });
      } else {
        const left = Math.max(0, FREEZE_AFTER_MISMATCHES - (mismatchCount + 1));
        // The freezing mismatch says what happened, never "0 more mismatches".
        if (left === 0)
          notify('journey.checks.frozenNow', { type: 'error', messageArgs: { factor: factorName } });
        else
          notify('journey.checks.mismatched', { type: 'warning', messageArgs: { factor: factorName, left } });
      }
      refresh();
      onAnswer?.(answer);
    },
    onError: (error) => notify(explain(error), { type: 'error' }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() && !mutation.isPending) mutation.mutate(value.trim());
  };
  const inputId = `check-${caseId}-${factor}`;
  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
    >
      <TextField
        id={inputId}
        size="small"
        fullWidth
        autoComplete="off"
        label={translate(`journey.factorInput.${factor}`)}
        helperText={translate(`journey.factorHelp.${factor}`, { _: '' }) || undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        inputRef={inputRef}
        disabled={disabled || mutation.isPending}
        slotProps={{ htmlInput: { 'data-factor': factor, maxLength: 200 } }}
      />
      <Button type="submit" variant="outlined" disabled={disabled || mutation.isPending || !value.trim()}>
        {translate('journey.checks.submit')}
      </Button>
    </Box>
  );
}
