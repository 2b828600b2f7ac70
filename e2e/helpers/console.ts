import { type Browser, expect as baseExpect, type Locator, type Page } from '@playwright/test';
import { type Lang, t } from '../fixtures';
import type { E2EUsername } from '../staff';
import type { Customer } from './customers';

const expect = baseExpect.configure({ timeout: 20_000 });

/** Opens Find customer from the menu: its first field has the focus and the form is empty. */
export async function openFindCustomer(page: Page, lang: Lang) {
  await page.getByRole('menuitem', { name: t(lang, 'resources.lookup.name') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'journey.lookup.title') })).toBeVisible();
  await expect(page.getByLabel(t(lang, 'journey.fields.fullName'), { exact: true })).toBeFocused();
}

/** Looks the customer up by name and spoken phone and opens a case from the only result (not counted). */
export async function findAndOpenCase(page: Page, lang: Lang, customer: Customer, phone: string) {
  await openFindCustomer(page, lang);
  await page.getByLabel(t(lang, 'journey.fields.fullName'), { exact: true }).fill(customer.fullName);
  await page.getByLabel(t(lang, 'journey.fields.phone'), { exact: true }).fill(phone);
  await page.keyboard.press('Enter');
  // The caller's account ranks first (name and phone match). A retried test also finds the namesake
  // its first attempt created (name only, ranked below), so the row is picked by its phone.
  const first = page.getByTestId('lookup-row').first();
  await expect(first).toContainText(customer.nationalPhone.slice(-4));
  await first.getByRole('button', { name: t(lang, 'journey.case.open') }).click();
  await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '1');
}

/**
 * An account command called directly, in the signed-in browser session (same cookie, same CSRF header as the
 * console), with the account's current version: to bypass a disabled button, or to change the account behind
 * the console's back.
 */
export async function commandThroughApi(
  page: Page,
  accountId: number,
  command: 'unlock' | 'sign-out-devices',
) {
  const caseId = Number(new URL(page.url().replace('#/', '')).searchParams.get('case'));
  return page.evaluate(
    async ({ accountId, caseId, command }) => {
      const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' };
      const account = await (await fetch(`/api/accounts/${accountId}`, { headers })).json();
      const response = await fetch(`/api/accounts/${accountId}/${command}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ caseId, reason: 'Called outside the console', version: account.version }),
      });
      return { status: response.status, body: await response.json() };
    },
    { accountId, caseId, command },
  );
}

export const unlockThroughApi = (page: Page, accountId: number) =>
  commandThroughApi(page, accountId, 'unlock');

/** Adds a typed check through the case panel's input for that factor (Enter submits). */
export async function typeCheck(page: Page, lang: Lang, factor: string, value: string, level: number) {
  const input = page.getByLabel(t(lang, `journey.factorInput.${factor}`), { exact: true });
  await input.fill(value);
  await input.press('Enter');
  await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', String(level));
}

/** A second staff member at their own desk: a browser context of its own, signed in, at 1440×900. */
export async function staffPage(
  browser: Browser,
  signIn: (p: Page, u: E2EUsername, l: Lang) => Promise<void>,
  who: E2EUsername,
  lang: Lang,
) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, who, lang);
  return { page, close: () => context.close() };
}

/**
 * The text of `target` sits on one line: every text fragment in it has the same top. A column too narrow for a
 * two-character Chinese name breaks it into two lines, one character each (issue 6, point 10).
 */
export async function expectOneLine(target: Locator, what: string) {
  const tops = await target.evaluate((el) => {
    const out = new Set<number>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects()))
        if (rect.width > 0) out.add(Math.round(rect.top));
    }
    return [...out];
  });
  expect(tops, `${what} on one line`).toHaveLength(1);
}

/** A time as the console writes it everywhere (useFormatTime): `1 Dec 2026, 08:17` or `2026年12月1日 08:17`. */
export const CONSOLE_TIME: Record<Lang, RegExp> = {
  en: /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/,
  zh: /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
};
