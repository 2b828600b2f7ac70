import { useCallback } from 'react';
import { useLocaleState } from 'react-admin';

/** The BCP 47 tag for dates in the console's language (also for react-admin's DateField `locales`). */
export function useDateLocale(): string {
  const [locale] = useLocaleState();
  return locale === 'zh' ? 'zh-CN' : 'en-GB';
}

/** Times are UTC ms; show them in the agent's language and time zone, to the minute. */
export function useFormatTime() {
  const tag = useDateLocale();
  return useCallback(
    (ms: number | null | undefined) => {
      if (ms === null || ms === undefined) return '';
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
    },
    [tag],
  );
}
