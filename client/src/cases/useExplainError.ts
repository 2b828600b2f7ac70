import { useCallback } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { errorBody, errorStatus } from '../api/httpClient';

/** "level:L2" → "needs verification level L2", in the console's language; unknown codes stay readable. */
export function translateMissing(translate: TranslateFunction, code: string): string {
  const [kind = code, value = ''] = code.split(':');
  if (kind === 'level') return translate('journey.missing.level', { level: value });
  return translate(`journey.missing.${kind}_${value}`, { _: code });
}

export function explainMissing(translate: TranslateFunction, missing: readonly string[]): string {
  return missing.map((m) => translateMissing(translate, m)).join(translate('journey.missing.separator'));
}

/** Turns an API failure into one translated sentence for a notification or an inline error. */
export function useExplainError() {
  const translate = useTranslate();
  return useCallback(
    (error: unknown): string => {
      const status = errorStatus(error);
      const body = errorBody(error);
      // A code the case already redeemed (a second tab, a double submission): not a conflict on the account.
      if (status === 409 && body.code === 'code_already_used')
        return translate('journey.errors.codeAlreadyUsed');
      if (status === 409) return translate('journey.errors.conflict');
      if (status === 403 && body.missing?.length)
        return translate('journey.errors.forbidden', { missing: explainMissing(translate, body.missing) });
      if (status === 403) return translate('journey.errors.forbiddenPlain');
      if (status === 423) return translate('journey.errors.frozen');
      if (status === 429) return translate('journey.errors.tooMany');
      if (status === 404) return translate('journey.errors.notFound');
      if (status === 400 && body.errors && Object.keys(body.errors).length > 0) {
        const fields = Object.keys(body.errors).map((f) => translate(`journey.fields.${f}`, { _: f }));
        return translate('journey.errors.invalid', { fields: fields.join(', ') });
      }
      return translate('journey.errors.generic');
    },
    [translate],
  );
}
