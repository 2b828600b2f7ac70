import { Card, CardContent, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { errorBody, errorStatus } from '../api/httpClient';
import type { LookupBody } from '../api/types';
import { useExplainError } from '../cases/useExplainError';
import { compactLookup, FORM_FIELDS, lookupFieldErrors } from './callerDetails';
import { LookupForm } from './LookupForm';
import { LookupResults } from './LookupResults';
import { useLookupScreen } from './lookupMemory';

/**
 * The agent's first screen on a call. The caller's details and the results stay in memory (lookupMemory.ts), so
 * Back from an account finds them again: not in the URL, not in localStorage/sessionStorage, not in react-query's
 * cache (a mutation, not a query). A refusal marks exactly the fields the server could not read, with why.
 */
export function FindCustomer() {
  const translate = useTranslate();
  const explain = useExplainError();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [{ form, result, error, fieldErrors }, update] = useLookupScreen();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (body: LookupBody) => dataProvider.lookup(body),
    onSuccess: (answer, query) => update({ error: undefined, fieldErrors: {}, result: { answer, query } }),
    onError: (e) => {
      const wrong = errorStatus(e) === 400 ? lookupFieldErrors(errorBody(e).errors, translate) : {};
      const names = FORM_FIELDS.filter((f) => wrong[f]).map((f) => translate(`journey.fields.${f}`));
      update({
        result: null,
        fieldErrors: wrong,
        error: names.length
          ? translate('journey.lookup.invalid.fix', { fields: names.join(', ') })
          : explain(e),
      });
      // The first field to fix takes the focus, so the agent corrects it without reaching for the mouse.
      const first = FORM_FIELDS.find((f) => wrong[f]);
      if (first) formRef.current?.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus();
    },
  });
  // Focus goes where the next keystroke belongs: the only result's "Open case" (it autofocuses), else the heading.
  useEffect(() => {
    if (result && result.answer.candidates.length !== 1) resultsHeading.current?.focus();
  }, [result]);

  const submit = () => {
    const body = compactLookup(form);
    if (Object.keys(body).length === 0) {
      update({ error: translate('journey.lookup.empty'), fieldErrors: {} });
      return;
    }
    mutation.mutate(body);
  };
  const clear = () => update({ form: {}, result: null, error: undefined, fieldErrors: {} });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('journey.lookup.title')} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('journey.lookup.title')}
        </Typography>
        <Typography variant="body2" gutterBottom>
          {translate('journey.lookup.intro')}
        </Typography>
        <LookupForm
          formRef={formRef}
          value={form}
          onChange={(next) => update({ form: next })}
          onSubmit={submit}
          onClear={clear}
          busy={mutation.isPending}
          fieldErrors={fieldErrors}
        />
        {error && (
          <Typography role="alert" color="error" sx={{ mt: 2 }}>
            {error}
          </Typography>
        )}
        {result && <LookupResults answer={result.answer} query={result.query} headingRef={resultsHeading} />}
      </CardContent>
    </Card>
  );
}
