import { totpCode } from '../server/src/staff/totp';
import {
  expect,
  expectAccessible,
  type Lang,
  openLoginPage,
  signInWithKeyboard,
  t,
  test,
  typeCredentials,
} from './fixtures';
import { E2E_PASSWORD, E2E_TOTP_SECRET } from './staff';

const BROWSER_LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

async function signOutWithKeyboard(page: import('@playwright/test').Page, lang: Lang) {
  const userMenu = page.getByRole('button', { name: t(lang, 'ra.auth.user_menu') });
  await userMenu.focus();
  await page.keyboard.press('Enter');
  const logout = page.getByRole('menuitem', { name: t(lang, 'ra.auth.logout') });
  await expect(logout).toBeFocused();
  await page.keyboard.press('Enter');
}

async function expectSignedOut(page: import('@playwright/test').Page, lang: Lang) {
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'app.login.heading'));
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`in ${lang === 'en' ? 'English' : '简体中文'} (browser language ${BROWSER_LOCALE[lang]})`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test('when an agent signs in with the keyboard, then the dashboard shows the agent menu, and signing out ends the session', async ({
      page,
    }) => {
      await openLoginPage(page, lang);
      await expectAccessible(page, `login page (${lang})`);
      await signInWithKeyboard(page, 'agent', lang);
      await expect(
        page.getByText(t(lang, 'app.dashboard.signed_in_as', { role: t(lang, 'app.roles.agent') })),
      ).toBeVisible();
      await expect(page.getByRole('menuitem', { name: t(lang, 'ra.page.dashboard') })).toBeVisible();
      await expect(page.getByRole('menuitem', { name: t(lang, 'resources.staff.name') })).toHaveCount(0);
      await expectAccessible(page, `agent dashboard (${lang})`);
      // Typing the address does not help either: the staff list is refused.
      await page.goto('/#/staff');
      await expect(
        page.getByRole('columnheader', { name: t(lang, 'resources.staff.fields.username') }),
      ).toHaveCount(0);
      await signOutWithKeyboard(page, lang);
      await expectSignedOut(page, lang);
    });

    test('when a supervisor signs in with the keyboard, then the menu includes Staff and the staff list opens', async ({
      page,
    }) => {
      // The supervisors' dashboard loads its charts and six tiles before axe reads it.
      test.setTimeout(60_000);
      await signInWithKeyboard(page, 'supervisor', lang);
      await expect(
        page.getByRole('heading', { name: t(lang, 'app.dashboard.tiles.actions_per_day') }),
      ).toBeVisible({ timeout: 20_000 });
      await expectAccessible(page, `supervisor dashboard (${lang})`);
      const staffItem = page.getByRole('menuitem', { name: t(lang, 'resources.staff.name') });
      await staffItem.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('cell', { name: 'agent2', exact: true })).toBeVisible();
      await expect(page.getByRole('cell', { name: t(lang, 'app.roles.supervisor') }).first()).toBeVisible();
      await expectAccessible(page, `staff list (${lang})`);
      await signOutWithKeyboard(page, lang);
      await expectSignedOut(page, lang);
    });

    test('when the password is wrong, then a translated error is shown and no session starts', async ({
      page,
    }) => {
      await openLoginPage(page, lang);
      await typeCredentials(page, lang, 'agent2', 'not the password');
      await expect(page.getByRole('alert')).toHaveText(t(lang, 'app.login.errors.wrong_credentials'));
      await expect(page.getByLabel(t(lang, 'app.login.password'))).toHaveValue('');
      await expectAccessible(page, `login page with an error (${lang})`);
      expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    });
  });
}

test('when the language is switched, then every text follows, <html lang> too, and the choice survives a reload and sign-out', async ({
  page,
}) => {
  await openLoginPage(page, 'en');
  await page.getByRole('button', { name: t('zh', 'app.language.zh') }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('zh', 'app.login.heading'));
  await signInWithKeyboard(page, 'supervisor2', 'zh');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    t('zh', 'app.dashboard.greeting', { name: '王芳' }),
  );
  await page.getByRole('button', { name: t('en', 'app.language.en') }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('menuitem', { name: t('en', 'ra.page.dashboard') })).toBeVisible();
  await expect(page.getByRole('button', { name: t('en', 'ra.auth.user_menu') })).toBeVisible();
  await signOutWithKeyboard(page, 'en');
  await expectSignedOut(page, 'en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('when a supervisor has TOTP enrolled, then the code step follows the password, refuses a wrong code and accepts the right one', async ({
  page,
}) => {
  await openLoginPage(page, 'en');
  await typeCredentials(page, 'en', 'supervisor-totp', E2E_PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'app.login.code_heading'));
  const codeField = page.getByLabel(t('en', 'app.login.code'));
  await expect(codeField).toBeFocused();
  const right = totpCode(E2E_TOTP_SECRET, Date.now());
  await page.keyboard.type(right === '000000' ? '111111' : '000000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(t('en', 'app.login.errors.code_rejected'));
  await expectAccessible(page, 'TOTP code step');
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  await codeField.fill('');
  await codeField.focus();
  await page.keyboard.type(totpCode(E2E_TOTP_SECRET, Date.now()));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'app.dashboard.greeting', { name: 'Tess Totp' }) }),
  ).toBeVisible();
});
