import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import enMessages from '../client/src/i18n/en';
import { HTML_LANG, LOCALE_STORAGE_KEY, type Locale } from '../client/src/i18n/locale';
import zhMessages from '../client/src/i18n/zh';
import { E2E_PASSWORD, type E2EUsername, staffMember } from './staff';

export { expect };
export type Lang = Locale;

type Tree = { [key: string]: Tree | string | undefined };
const MESSAGES: Record<Lang, Tree> = { en: enMessages as Tree, zh: zhMessages as Tree };

/**
 * The console's own text for a key, so tests check what a user of that language reads without
 * copying the translations. Plural texts take their last form (react-admin asks for smart_count 2).
 */
export function t(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let node: Tree | string | undefined = MESSAGES[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing i18n key ${key} (${lang})`);
  const text = node.split('||||').at(-1)?.trim() ?? '';
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** Opens the sign-in page and makes sure it speaks `lang`, using the switch if it does not. */
export async function openLoginPage(page: Page, lang: Lang) {
  await page.goto('/');
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== HTML_LANG[lang]) {
    await page.getByRole('button', { name: t(lang, `app.language.${lang}`) }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', HTML_LANG[lang]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'app.login.heading'));
}

/** Types the credentials with the keyboard alone: the username field has focus on arrival. */
export async function typeCredentials(page: Page, lang: Lang, username: string, password: string) {
  await expect(page.getByLabel(t(lang, 'app.login.username'))).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(t(lang, 'app.login.password'))).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Fails on any serious or critical axe violation, printing each with the elements involved. */
export async function expectAccessible(page: Page, where: string) {
  // axe reads colours as painted: a screen caught mid-refresh (a loading bar running, a button between its
  // busy and idle looks, a notice fading) shows blended colours below the settled contrast, which made the
  // scans flaky. So the scan waits, briefly, for the loading indicators to go, then for finite animations.
  await page
    .locator('[role="progressbar"]')
    .first()
    .waitFor({ state: 'hidden', timeout: 3_000 })
    .catch(() => undefined);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  // Legacy mode runs axe inside the page. The default opens a blank page per scan, loads axe into it again and
  // moves the partial results over, which only pays off with cross-origin frames (the console has none) and
  // cost seconds per scan on these 2 cores. Only violations are collected (axe's resultTypes option).
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  if (report) console.log(`axe violations on ${where}:\n${report}`);
  expect(
    blocking.map((v) => v.id),
    `axe found serious/critical violations on ${where}`,
  ).toEqual([]);
}

/** The sign-in page, typed with the keyboard alone, then the dashboard's greeting (auth.spec.ts's journey). */
export async function signInWithKeyboard(page: Page, username: E2EUsername, lang: Lang) {
  await openLoginPage(page, lang);
  await typeCredentials(page, lang, username, E2E_PASSWORD);
  await expectGreeting(page, username, lang);
}

async function expectGreeting(page: Page, username: E2EUsername, lang: Lang) {
  const greeting = t(lang, 'app.dashboard.greeting', { name: staffMember(username).fullName });
  await expect(page.getByRole('heading', { level: 1, name: greeting })).toBeVisible();
}

/**
 * Signs in through the console's own endpoint (same cookie jar as the page), with `lang` as the remembered
 * language unless the page already chose one, then opens the dashboard. The sign-in page itself is covered
 * by auth.spec.ts (signInWithKeyboard); typing it again in every journey only cost CPU.
 */
async function signInThroughApi(page: Page, username: E2EUsername, lang: Lang) {
  await page.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    },
    [LOCALE_STORAGE_KEY, lang] as const,
  );
  const response = await page.request.post('/api/auth/login', {
    data: { username, password: E2E_PASSWORD },
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.status(), `sign-in of ${username}`).toBe(200);
  expect(await response.json(), `${username} signs in without a second step`).not.toHaveProperty(
    'mfaRequired',
  );
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', HTML_LANG[lang]);
  await expectGreeting(page, username, lang);
}

type Helpers = {
  /** Signs in as `username` with the console in `lang` and waits for the dashboard. */
  signIn: (page: Page, username: E2EUsername, lang: Lang) => Promise<void>;
  expectAccessible: (page: Page, where: string) => Promise<void>;
};

export const test = base.extend<Helpers>({
  signIn: async ({ baseURL: _ }, use) => {
    await use(signInThroughApi);
  },
  expectAccessible: async ({ baseURL: _ }, use) => {
    await use(expectAccessible);
  },
});
