import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, Grid, TextField } from '@mui/material';
import type { FormEvent, Ref } from 'react';
import { useTranslate } from 'react-admin';
import type { LookupBody, LookupField } from '../api/types';
import { FORM_FIELDS, type LookupFieldErrors } from './callerDetails';

type Props = {
  value: LookupBody;
  onChange: (value: LookupBody) => void;
  onSubmit: () => void;
  onClear: () => void;
  busy: boolean;
  /** The fields the server could not read, each with why (in words, translated). */
  fieldErrors: LookupFieldErrors;
  formRef?: Ref<HTMLFormElement>;
};

const INPUT_MODES: Partial<Record<LookupField, 'tel' | 'email' | 'numeric'>> = {
  phone: 'tel',
  email: 'email',
  nationalIdLast4: 'numeric',
};

/**
 * What the caller says, field by field; Enter in any field searches. autoComplete is off so the browser does not
 * keep callers' details either.
 */
export function LookupForm({ value, onChange, onSubmit, onClear, busy, fieldErrors, formRef }: Props) {
  const translate = useTranslate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <Box
      component="form"
      ref={formRef}
      onSubmit={submit}
      noValidate
      autoComplete="off"
      aria-label={translate('journey.lookup.form')}
    >
      <Grid container spacing={2}>
        {FORM_FIELDS.map((field, index) => (
          <Grid key={field} size={{ xs: 12, sm: 6, md: 4 }}>
            <TextField
              fullWidth
              size="small"
              name={field}
              autoFocus={index === 0}
              autoComplete="off"
              label={translate(`journey.fields.${field}`)}
              helperText={fieldErrors[field] ?? translate(`journey.lookup.help.${field}`)}
              value={value[field] ?? ''}
              onChange={(e) => onChange({ ...value, [field]: e.target.value })}
              error={Boolean(fieldErrors[field])}
              slotProps={{ htmlInput: { maxLength: 200, inputMode: INPUT_MODES[field] } }}
            />
          </Grid>
        ))}
      </Grid>
      <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
        <Button type="submit" variant="contained" startIcon={<SearchIcon />} disabled={busy}>
          {translate('journey.lookup.submit')}
        </Button>
        <Button type="button" onClick={onClear} disabled={busy}>
          {translate('journey.lookup.clear')}
        </Button>
      </Box>
    </Box>
  );
}
