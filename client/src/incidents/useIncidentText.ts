import { useCallback } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { IncidentView } from '../api/types';
import { useDateLocale } from '../cases/useFormatTime';

type Texts = Pick<IncidentView, 'titleEn' | 'titleZh' | 'affected'>;

/**
 * How the banner, the account hint and the list name an incident: its title in the console's language, its
 * parts in words, and a time as "09:10" when it is today (the agent's day) or with the date when it is not.
 */
export function useIncidentText() {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const tag = useDateLocale();
  const title = useCallback((i: Texts) => (locale === 'zh' ? i.titleZh : i.titleEn), [locale]);
  const partNames = useCallback(
    (i: Texts) => i.affected.map((p) => translate(`resources.incidents.parts.${p}`)),
    [translate],
  );
  const parts = useCallback(
    (i: Texts) => partNames(i).join(locale === 'zh' ? '、' : ', '),
    [locale, partNames],
  );
  const time = useCallback(
    (ms: number) => {
      const date = new Date(ms);
      const today = date.toDateString() === new Date().toDateString();
      const style: Intl.DateTimeFormatOptions = today
        ? { timeStyle: 'short' }
        : { dateStyle: 'medium', timeStyle: 'short' };
      return new Intl.DateTimeFormat(tag, style).format(date);
    },
    [tag],
  );
  return { title, partNames, parts, time };
}
