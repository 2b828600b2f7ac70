import { Card, CardContent, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import type { LookupBody } from '../api/types';
import { useExplainError } from '../cases/useExplainError';
import { compactLookup, type LookupAnswer } from './callerDetails';
import { LookupForm } from './LookupForm';
import { LookupResults } from './LookupResults';

/**
 * The agent's first screen on a call. The caller's details stay in this component's state: not in the URL, not in
 * localStorage/sessionStorage, not in react-query's cache (a mutation, not a query).
 */
export function FindCustomer() {
  const translate = useTranslate();
  const explain = useExplainError();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [form, setForm] = useState<LookupBody>({});
  const [result, setResult] = useState<{ answer: LookupAnswer; query: LookupBody } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const mutation = useMutation({
    mutationFn: (body: LookupBody) => dataProvider.lookup(body),
    onSuccess: (answer, query) => {
      setError(undefined);
      setResult({ answer, query });
    },
    onError: (e) => {
      setResult(null);
      setError(explain(e));
    },
  });
  // Focus goes where the next keystroke belongs: the only result's "Open case" (it autofocuses), else the heading.
  useEffect(() => {
    if (result && result.answer.candidates.length !== 1) resultsHeading.current?.focus();
  }, [result]);

  const submit = () => {
    const body = compactLookup(form);
    if (Object.keys(body).length === 0) {
      setError(translate('journey.lookup.empty'));
      return;
    }
    mutation.mutate(body);
  };
  const clear = () => {
    setForm({});
    setResult(null);
    setError(undefined);
  };
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
          value={form}
          onChange={setForm}
          onSubmit={submit}
          onClear={clear}
          busy={mutation.isPending}
          error={error}
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
