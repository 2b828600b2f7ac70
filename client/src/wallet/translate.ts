import { createContext, useContext } from 'react';
import en from '../i18n/en';
import type { Locale } from '../i18n/locale';
import zh from '../i18n/zh';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;
type Tree = { [key: string]: Tree | string | undefined };

const MESSAGES: Record<Locale, Tree> = { en: en as Tree, zh: zh as Tree };

/**
 * The console's message tree read with a plain lookup and `%{name}` interpolation (polyglot's
 * syntax): the customer pages need neither react-admin nor plurals. An unknown key reads as itself,
 * as polyglot does, so a missing text shows up instead of breaking the page.
 */
export function makeTranslate(messages: object): Translate {
  return (key, vars = {}) => {
    let node: Tree | string | undefined = messages as Tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(/%\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

export const translators: Record<Locale, Translate> = {
  en: makeTranslate(MESSAGES.en),
  zh: makeTranslate(MESSAGES.zh),
};

export type WalletI18n = { locale: Locale; setLocale: (next: Locale) => void; t: Translate };

export const WalletI18nContext = createContext<WalletI18n>({
  locale: 'en',
  setLocale: () => undefined,
  t: translators.en,
});

export const useWalletI18n = () => useContext(WalletI18nContext);
