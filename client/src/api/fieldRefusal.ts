import { useCallback } from 'react';
import { useTranslate } from 'react-admin';
import { secretMessage } from '../cases/handling/useHandlingMutation';
import { errorBody, errorStatus } from './httpClient';

/**
 * What a refused request says about one field of the dialog that sent it, in the console's words, or null when it
 * names another field (or none). A 4xx names its fields in `errors` (docs/design.md, HTTP API); the dialog shows
 * this under the field and moves the focus there, so the agent fixes it without hunting (issue 6, point 9).
 */
export function useFieldRefusal() {
  const translate = useTranslate();
  return useCallback(
    (error: unknown, field: string): string | null => {
      const status = errorStatus(error);
      if (status === undefined || status < 400 || status >= 500) return null;
      if (!errorBody(error).errors?.[field]) return null;
      return (
        secretMessage(translate, error) ??
        translate('journey.errors.fieldRefused', {
          field: translate(`journey.fields.${field}`, { _: field }),
        })
      );
    },
    [translate],
  );
}
