import type { I18nProvider } from 'ra-core';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import en from './en';
import {
  applyLocaleToDocument,
  initialLocale,
  isLocale,
  LOCALES,
  type Locale,
  rememberLocale,
} from './locale';
import zh from './zh';

const MESSAGES = { en, zh } as const;

/**
 * react-admin's i18n provider (polyglot) for English and 简体中文. Changing the language also
 * updates <html lang> and remembers the choice for the next visit.
 */
export function createI18nProvider(): I18nProvider {
  const start = initialLocale();
  applyLocaleToDocument(start);
  const polyglot = polyglotI18nProvider(
    (locale) => MESSAGES[isLocale(locale) ? locale : 'en'],
    start,
    LOCALES.map((l) => ({ ...l })),
  );
  return {
    ...polyglot,
    changeLocale: async (locale: string, options?: unknown) => {
      const next: Locale = isLocale(locale) ? locale : 'en';
      await polyglot.changeLocale(next, options);
      rememberLocale(next);
      applyLocaleToDocument(next);
    },
  };
}
