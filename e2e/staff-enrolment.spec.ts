import type { Browser } from '@playwright/test';
import { expect as baseExpect, type Lang, openLoginPage, t, test, typeCredentials } from './fixtures';
import { enrolWithKeyboard, shotPath } from './helpers/enrolment';

/**
 * docs/design.md, Staff TOTP enrolment: a new supervisor's first sign-in leads to the password change, then
 * to enrolment (QR code and key, a code from the app, ten recovery codes shown once); a later sign-in takes
 * a recovery code instead of the authenticator's, once.
 */
test.describe.configure({ timeout: 180_000 });
// A supervisor's dashboard and lists load several queries: on a shared, loaded machine 7 s is not enough.
const expect = baseExpect.configure({ timeout: 20_000 });

const NEW_PASSWORD = 'a supervisor password 2026';

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

for (const lang of ['en', 'zh'] as const satisfies readonly Lang[]) {
  test(`when a new supervisor signs in, then they must set up an authenticator, see their recovery codes once, and can later sign in with one (${lang})`, async ({
    page,
    browser,
    signIn,
  }) => {
    const username = `sup-${lang}-${Date.now() % 1_000_000}`;
    const fullName = lang === 'en' ? 'Sienna Secure' : '周安全';
    await signIn(page, lang === 'en' ? 'supervisor' : 'supervisor2', lang);
    const created = await page.request.post('/api/staff', {
      data: { username, fullName, role: 'supervisor', reason: 'New shift lead for the night desk' },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(created.status()).toBe(201);
    const { temporaryPassword } = await created.json();

    const newcomer = await newPage(browser);
    await openLoginPage(newcomer, lang);
    await typeCredentials(newcomer, lang, username, temporaryPassword);
    await newcomer.getByLabel(t(lang, 'app.password_change.current')).fill(temporaryPassword);
    await newcomer.locator('input[name="new-password"]').fill(NEW_PASSWORD);
    await newcomer.getByLabel(t(lang, 'app.password_change.repeat')).fill(NEW_PASSWORD);
    await newcomer.getByRole('button', { name: t(lang, 'app.password_change.submit') }).click();

    // Nothing but enrolment: typing another address changes nothing.
    await expect(
      newcomer.getByRole('heading', { level: 1, name: t(lang, 'app.enrolment.heading') }),
    ).toBeVisible();
    await newcomer.goto('/#/staff');
    const { codes } = await enrolWithKeyboard(newcomer, lang, username, `supervisor-${lang}`);
    // The console opens where they asked to go: the staff list a supervisor may read.
    await expect(newcomer.getByRole('menuitem', { name: t(lang, 'resources.staff.name') })).toBeVisible();
    await expect(newcomer.getByRole('row').filter({ hasText: username })).toBeVisible();
    const greeting = t(lang, 'app.dashboard.greeting', { name: fullName });

    // Later, phone left at home: password, then a recovery code instead of the authenticator's code.
    await newcomer.context().clearCookies();
    const later = await newPage(browser);
    await openLoginPage(later, lang);
    await typeCredentials(later, lang, username, NEW_PASSWORD);
    await expect(
      later.getByRole('heading', { level: 1, name: t(lang, 'app.login.code_heading') }),
    ).toBeVisible();
    await later.getByRole('button', { name: t(lang, 'app.login.use_recovery') }).click();
    await expect(
      later.getByRole('heading', { level: 1, name: t(lang, 'app.login.recovery_heading') }),
    ).toBeVisible();
    const field = later.getByLabel(t(lang, 'app.login.recovery_code'));
    await expect(field).toBeFocused();
    await later.keyboard.type(codes[0] ?? '');
    await later.screenshot({ path: shotPath(`recovery-sign-in-${lang}`) });
    await later.keyboard.press('Enter');
    await expect(later.getByRole('heading', { level: 1, name: greeting })).toBeVisible();

    // The same code a second time is refused, and says why.
    const again = await newPage(browser);
    await openLoginPage(again, lang);
    await typeCredentials(again, lang, username, NEW_PASSWORD);
    await again.getByRole('button', { name: t(lang, 'app.login.use_recovery') }).click();
    await again.getByLabel(t(lang, 'app.login.recovery_code')).fill(codes[0] ?? '');
    await again.getByRole('button', { name: t(lang, 'app.login.verify'), exact: true }).click();
    await expect(again.getByText(t(lang, 'app.login.errors.recovery_used'))).toBeVisible();
    for (const p of [newcomer, later, again]) await p.context().close();
  });
}
