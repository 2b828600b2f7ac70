import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { HTML_LANG } from '../client/src/i18n/locale';
import { expect as baseExpect, type Lang, openLoginPage, t, test } from './fixtures';
import { createCustomer, lockByFailedSignIns, spokenPhone, walletLogin } from './helpers/customers';
import { decodeEmailBody } from './helpers/mailbox';
import { E2E_PASSWORD } from './staff';

/** The customer's side of a password reset: the link in the email opens their own page, not the console. */

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });
const AJAX = { 'X-Requested-With': 'XMLHttpRequest' };
const CALLERS: Record<Lang, string> = { en: 'Ruth Reset Link', zh: '陈重置' };
const BROWSER_LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
const OTHER: Record<Lang, Lang> = { en: 'zh', zh: 'en' };

/** An agent's API session (the journey spec covers the console UI): sign in, open a case, verify to L1. */
async function agentSendsResetLink(
  api: APIRequestContext,
  accountId: number,
  fullName: string,
  phone: string,
) {
  const signedIn = await api.post('/api/auth/login', {
    headers: AJAX,
    data: { username: 'agent', password: E2E_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const opened = await api.post('/api/cases', { headers: AJAX, data: { accountId, channel: 'phone' } });
  expect(opened.status()).toBe(201);
  const caseId = (await opened.json()).id as number;
  for (const [factor, value, level] of [
    ['full_name', fullName, 0],
    ['phone', phone, 1],
  ] as const) {
    const check = await api.post(`/api/cases/${caseId}/checks`, { headers: AJAX, data: { factor, value } });
    expect(await check.json()).toMatchObject({ matched: true, level });
  }
  const sent = await api.post(`/api/accounts/${accountId}/password-reset`, {
    headers: AJAX,
    data: { caseId, reason: 'Caller locked out, verified by name and phone', channel: 'email' },
  });
  expect(sent.status()).toBe(202);
}

/** The reset link as the customer's mailbox receives it (the delivery worker writes an .eml within seconds). */
async function readResetLink(email: string): Promise<string> {
  const dir = join(process.env.RD_E2E_DIR ?? '', 'mailbox');
  let link: string | undefined;
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith('-password_reset_link.eml'));
        } catch {
          return undefined;
        }
        for (const file of files) {
          const raw = readFileSync(join(dir, file), 'utf8');
          if (!new RegExp(`^To: .*${email.replace(/\./g, '\\.')}`, 'im').test(raw)) continue;
          link = decodeEmailBody(raw).match(/https?:\/\/\S+\/wallet\/reset-password\?token=\S+/)?.[0];
          if (link) return link;
        }
        return undefined;
      },
      { message: 'the reset email reaches the mailbox folder', timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}

const SUBMITS = [
  'app.wallet.reset.submit',
  'app.wallet.emailChange.confirm.submit',
  'app.wallet.emailChange.revert.submit',
];
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

for (const lang of ['en', 'zh'] as const) {
  test(`when an agent sends a reset link, then the customer sets a new password on their own page (${lang})`, async ({
    page,
    browser,
    request,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: CALLERS[lang] });
    const ip = lang === 'en' ? '198.51.100.61' : '198.51.100.62';
    await lockByFailedSignIns(request, customer, ip);
    await agentSendsResetLink(
      page.request,
      customer.id,
      customer.fullName,
      spokenPhone(customer.nationalPhone),
    );
    const link = await readResetLink(`e2e.${customer.nationalPhone}@example.com`);
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(10);

    // The customer's own browser, in their language.
    const context = await browser.newContext({ locale: BROWSER_LOCALE[lang] });
    const wallet = await context.newPage();
    try {
      await wallet.goto(link);
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.reset.title'));
      await expect(wallet.locator('html')).toHaveAttribute('lang', HTML_LANG[lang]);
      // The token left the address bar at once: not in the history, not in a URL pasted into a chat.
      expect(wallet.url()).not.toContain(token);
      expect(wallet.url()).not.toContain('token=');
      expect(new URL(wallet.url()).pathname).toBe('/wallet/reset-password');
      await expect(wallet.getByText(t(lang, 'app.wallet.reset.intro', { min: '10' }))).toBeVisible();
      const newPassword = wallet.getByRole('textbox', {
        name: t(lang, 'app.wallet.reset.new_password'),
        exact: true,
      });
      const repeat = wallet.getByRole('textbox', {
        name: t(lang, 'app.wallet.reset.repeat_password'),
        exact: true,
      });
      await expect(newPassword).toBeFocused();

      // EN / 中文 switch, and back: <html lang> follows.
      await wallet.getByRole('button', { name: t(lang, `app.language.${OTHER[lang]}`) }).click();
      await expect(wallet.locator('html')).toHaveAttribute('lang', HTML_LANG[OTHER[lang]]);
      await expect(heading(wallet)).toHaveText(t(OTHER[lang], 'app.wallet.reset.title'));
      await wallet.getByRole('button', { name: t(OTHER[lang], `app.language.${lang}`) }).click();
      await expect(wallet.locator('html')).toHaveAttribute('lang', HTML_LANG[lang]);

      // A reload mid-task keeps the link, the language and "show passwords", never a typed password.
      await wallet.getByRole('button', { name: t(lang, `app.language.${OTHER[lang]}`) }).click();
      await wallet.getByLabel(t(OTHER[lang], 'app.wallet.reset.show_passwords')).check();
      await wallet
        .getByRole('textbox', { name: t(OTHER[lang], 'app.wallet.reset.new_password'), exact: true })
        .fill('half typed');
      await wallet.reload();
      await expect(heading(wallet)).toHaveText(t(OTHER[lang], 'app.wallet.reset.title'));
      await expect(wallet.getByText(t(OTHER[lang], 'app.wallet.reset.restored'))).toBeVisible();
      await expect(wallet.getByLabel(t(OTHER[lang], 'app.wallet.reset.show_passwords'))).toBeChecked();
      await expect(
        wallet.getByRole('textbox', { name: t(OTHER[lang], 'app.wallet.reset.new_password'), exact: true }),
      ).toHaveValue('');
      expect(wallet.url()).not.toContain('token=');
      const kept = JSON.stringify(
        await wallet.evaluate(() => [history.state, { ...sessionStorage }, { ...localStorage }]),
      );
      expect(kept).not.toContain('half typed');
      await wallet.getByRole('button', { name: t(OTHER[lang], `app.language.${lang}`) }).click();
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.reset.title'));

      await newPassword.click();
      await expectAccessible(wallet, `reset password page (${lang})`);

      // Keyboard only: a slip in the repeat is caught before anything is sent.
      const chosen = `Fresh lantern harbour ${lang}`;
      await wallet.keyboard.type(chosen);
      await wallet.keyboard.press('Tab');
      await expect(repeat).toBeFocused();
      await wallet.keyboard.type(`${chosen}!`);
      await wallet.keyboard.press('Enter');
      await expect(wallet.getByText(t(lang, 'app.wallet.reset.errors.mismatch'))).toBeVisible();
      await expect(repeat).toBeFocused();
      await wallet.getByLabel(t(lang, 'app.wallet.reset.show_passwords')).check();
      await expect(repeat).toHaveAttribute('type', 'text');
      await repeat.fill(chosen);
      await repeat.press('Enter');

      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.reset.done_title'));
      await expect(wallet.getByText(t(lang, 'app.wallet.reset.done_devices'))).toBeVisible();
      await expectAccessible(wallet, `password changed (${lang})`);

      expect(await walletLogin(request, customer.e164, chosen, { ip })).toBe(200);
      expect(await walletLogin(request, customer.e164, customer.password, { ip })).toBe(401);

      // A reload of the success page still says the password was changed.
      await wallet.reload();
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.reset.done_title'));

      // The link works once: opened again, it says so at once, with no form to type into.
      await wallet.goto(link);
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.link.used_title'));
      await expect(wallet.getByText(t(lang, 'app.wallet.reset.errors.link_used'))).toBeVisible();
      await expect(wallet.getByRole('textbox')).toHaveCount(0);
      await expect(wallet.getByRole('button', { name: t(lang, 'app.wallet.reset.submit') })).toHaveCount(0);
      expect(wallet.url()).not.toContain(token);
      await expectAccessible(wallet, `spent link (${lang})`);
    } finally {
      await context.close();
    }
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`when a link's token is unknown, then each customer page says the link is not valid before any form (${lang})`, async ({
    browser,
    expectAccessible,
  }) => {
    const context = await browser.newContext({ locale: BROWSER_LOCALE[lang] });
    const wallet = await context.newPage();
    try {
      for (const path of ['reset-password', 'confirm-email', 'revert-email']) {
        await wallet.goto(`/wallet/${path}?token=made-up-${lang}-0123456789abcdef`);
        await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.invalid.title'));
        await expect(wallet.getByRole('textbox')).toHaveCount(0);
        for (const submit of SUBMITS) {
          await expect(wallet.getByRole('button', { name: t(lang, submit) })).toHaveCount(0);
        }
        expect(wallet.url()).not.toContain('made-up');
      }
      await expectAccessible(wallet, `unknown link (${lang})`);
    } finally {
      await context.close();
    }
  });
}

test('when a /wallet path is unknown or a link lost its token, then the customer reads that the link is not valid', async ({
  browser,
  expectAccessible,
}) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const wallet = await context.newPage();
  try {
    for (const path of ['/wallet/nothing-here?token=abc123secret', '/wallet/reset-password']) {
      await wallet.goto(path);
      await expect(heading(wallet)).toHaveText(t('en', 'app.wallet.invalid.title'));
      await expect(wallet.getByText(t('en', 'app.wallet.invalid.text'))).toBeVisible();
      expect(wallet.url()).not.toContain('abc123secret');
    }
    await expectAccessible(wallet, 'link not valid');
  } finally {
    await context.close();
  }
});

test('when the address is not under /wallet/, then the console still loads its staff sign-in', async ({
  page,
}) => {
  await openLoginPage(page, 'en');
});
