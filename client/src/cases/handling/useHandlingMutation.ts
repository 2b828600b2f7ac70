import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../../api/dataProvider';
import { errorBody } from '../../api/httpClient';
import { useExplainError } from '../useExplainError';

/**
 * One case-handling call through the data provider: notify in the console's language, refresh the page's
 * queries, and say a refused secret in words ("never write what the caller must keep secret").
 */
export function useHandlingMutation<V, R>(
  run: (dp: AppDataProvider, vars: V) => Promise<R>,
  options: { done: string | ((result: R) => string); onSuccess?: (result: R) => void },
) {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const explain = useExplainError();
  const translate = useTranslate();
  return useMutation({
    mutationFn: (vars: V) => run(dataProvider, vars),
    onSuccess: (result) => {
      const done = typeof options.done === 'function' ? options.done(result) : options.done;
      notify(done, { type: 'success' });
      options.onSuccess?.(result);
      refresh();
    },
    onError: (error) => notify(secretMessage(translate, error) ?? explain(error), { type: 'error' }),
  });
}

/** The translated refusal of a text that looked like a code, a password or a card number; null otherwise. */
export function secretMessage(translate: (key: string) => string, error: unknown): string | null {
  const body = errorBody(error) as { code?: string; kind?: string };
  if (body.code !== 'secret_in_text' || !body.kind) return null;
  return translate(`resources.cases.notes.secret.${body.kind}`);
}
