export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '简体中文' },
] as const;

export type Locale = (typeof LOCALES)[number]['locale'];

/** The `lang` attribute for each locale (screen readers and axe read it from <html>). */
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

/** localStorage key for the chosen language; a language choice is not personal data. */
export const LOCALE_STORAGE_KEY = 'rd.locale';

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'zh';

/** The saved choice first, else the browser's language: any Chinese variant gives 中文, anything else English. */
export function pickInitialLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

function readSaved(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled (privacy settings); the browser language still works.
    return null;
  }
}

export function initialLocale(): Locale {
  const languages = globalThis.navigator?.languages?.length
    ? globalThis.navigator.languages
    : [globalThis.navigator?.language ?? 'en'];
  return pickInitialLocale(readSaved(), languages);
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not saved: the choice still holds until the page is reloaded.
  }
}

export function applyLocaleToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[locale];
}
