import { useCallback } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { errorBody, errorStatus } from '../api/httpClient';
import { useExplainError } from '../cases/useExplainError';

/** A refused staff step in the supervisor's language: the 409's own `code` when it has one. */
export function useStaffErrorNotice() {
  const translate = useTranslate();
  const notify = useNotify();
  const explain = useExplainError();
  return useCallback(
    (error: unknown) => {
      const code = errorBody(error).code;
      const message =
        errorStatus(error) === 409 && code
          ? translate(`resources.staff.conflicts.${code}`, { _: explain(error) })
          : explain(error);
      notify(message, { type: 'error' });
    },
    [translate, notify, explain],
  );
}
