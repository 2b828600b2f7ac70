import type { Browser, Page } from '@playwright/test';
import {
  expect as baseExpect,
  expectAccessible as expectAxeClean,
  type Lang,
  openLoginPage,
  t,
  test,
  typeCredentials,
} from './fixtures';
import { CONSOLE_TIME, expectOneLine } from './helpers/console';
import { enrolWithKeyboard } from './helpers/enrolment';
import { staffMember } from './staff';

/** docs/design.md, Staff lifecycle: supervisors create, and disable, staff from the console. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

async function confirmWithReason(page: Page, lang: Lang, label: string, reason: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(t(lang, 'journey.confirm.reason')).fill(reason);
  await dialog.getByRole('button', { name: label }).click();
  await expect(dialog).toBeHidden();
}

/** Once the page has settled (react-admin's loading bar has no name axe would accept). */
async function expectAccessible(page: Page, where: string) {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAxeClean(page, where);
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

for (const lang of ['en', 'zh'] as const) {
  test(`when a supervisor creates an agent, then the agent signs in with the temporary password, must change it and set up an authenticator, and is shut out at once when disabled (${lang})`, async ({
    page,
    browser,
    signIn,
  }) => {
    const username = `new-${lang}-${Date.now() % 1_000_000}`;
    const fullName = lang === 'en' ? 'Nora Newcomer' : '陈新人';
    await signIn(page, lang === 'en' ? 'supervisor' : 'supervisor2', lang);
    await page.getByRole('menuitem', { name: t(lang, 'resources.staff.name') }).click();
    await expect(page).toHaveURL(/#\/staff/);
    // The list has loaded (its access check runs first, then its query): only then is the page settled.
    await expect(page.getByRole('row').filter({ hasText: 'agent2' })).toBeVisible();
    // The console's own time format (not the browser's `12/1/2026, 8:17:11 AM`), and 李明 on one line.
    const me = page
      .getByRole('row')
      .filter({ hasText: staffMember(lang === 'en' ? 'supervisor' : 'supervisor2').fullName });
    await expect(me.locator('.column-lastSignInAt')).toHaveText(CONSOLE_TIME[lang]);
    await expectOneLine(
      page.getByRole('row').filter({ hasText: 'agent2' }).locator('.column-fullName'),
      'staff name',
    );
    await expectAccessible(page, `staff list (${lang})`);
    await page.getByRole('link', { name: t(lang, 'ra.action.create') }).click();
    await expect(page).toHaveURL(/#\/staff\/create/);
    const field = (name: string) =>
      page.getByRole('textbox', { name: t(lang, `resources.staff.fields.${name}`) });
    await field('username').fill(username);
    await field('fullName').fill(fullName);
    await field('reason').fill('New starter on the phone team');
    await expectAccessible(page, `staff create (${lang})`);
    await page.getByRole('button', { name: t(lang, 'ra.action.save') }).dblclick();

    const shown = page.getByRole('dialog', {
      name: t(lang, 'resources.staff.temporary_password.title', { username }),
    });
    await expect(shown).toBeVisible();
    const temporary = (await shown.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporary).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectAccessible(page, `temporary password (${lang})`);
    await shown.getByRole('button', { name: t(lang, 'resources.staff.temporary_password.done') }).click();
    await expect(page).toHaveURL(/#\/staff\/\d+\/show/);
    await expect(page.getByText(username, { exact: true })).toBeVisible();
    await expectAccessible(page, `staff show (${lang})`);

    // The new agent, in their own browser: the temporary password leads to the password change only.
    const agent = await newPage(browser);
    await openLoginPage(agent, lang);
    await typeCredentials(agent, lang, username, temporary);
    await expect(
      agent.getByRole('heading', { level: 1, name: t(lang, 'app.password_change.heading') }),
    ).toBeVisible();
    await expect(agent.getByRole('menuitem')).toHaveCount(0);
    await expectAccessible(agent, `password change (${lang})`);
    await agent.getByLabel(t(lang, 'app.password_change.current')).fill(temporary);
    // "New password" is also the start of "New password again": the field by its name.
    await agent.locator('input[name="new-password"]').fill('my very own password 1');
    await agent.getByLabel(t(lang, 'app.password_change.repeat')).fill('my very own password 1');
    await agent.getByRole('button', { name: t(lang, 'app.password_change.submit') }).click();
    // Then the authenticator agents must have (docs/design.md, Staff TOTP enrolment), before the console.
    await enrolWithKeyboard(agent, lang, username, `new agent ${lang}`);
    await expect(
      agent.getByRole('heading', { level: 1, name: t(lang, 'app.dashboard.greeting', { name: fullName }) }),
    ).toBeVisible();
    await expect(agent.getByRole('menuitem', { name: t(lang, 'resources.lookup.name') })).toBeVisible();

    // The supervisor disables them; their open session is refused at their next request.
    await page.reload();
    const disable = t(lang, 'resources.staff.steps.disable.label');
    await page.getByRole('button', { name: disable }).click();
    await confirmWithReason(page, lang, disable, 'Left the company today');
    await expect(page.getByText(t(lang, 'resources.staff.steps.disable.done'))).toBeVisible();
    await expect(
      page.getByRole('button', { name: t(lang, 'resources.staff.steps.enable.label') }),
    ).toBeVisible();

    // Their next request (the case list) is refused: back to the sign-in page.
    await agent.getByRole('menuitem', { name: t(lang, 'resources.cases.name') }).click();
    await expect(agent).toHaveURL(/#\/login/);
    await agent.context().close();
  });
}
