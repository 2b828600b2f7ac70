import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect as baseExpect, type Lang, t, test, typeCredentials } from './fixtures';
import { openFindCustomer } from './helpers/console';
import { createCustomer, spokenPhone } from './helpers/customers';
import { E2E_PASSWORD } from './staff';

/** Issue 6, point 4: a refusal names the wrong field and why; Back from an account keeps the lookup. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const FIELDS = ['fullName', 'phone', 'dateOfBirth', 'email', 'accountNumber', 'nationalIdLast4'] as const;

const field = (page: Page, lang: Lang, name: string) =>
  page.getByLabel(t(lang, `journey.fields.${name}`), { exact: true });

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when the phone cannot be read, then only the phone field is marked, with why; Back from the account finds the details and results again (${lang})`, async ({
    page,
    signIn,
    expectAccessible,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const customer = await createCustomer({ fullName: `Lookup Back ${lang} ${randomInt(1e5, 1e6)}` });
    await signIn(page, 'agent', lang);
    await openFindCustomer(page, lang);

    // A name that reads and a phone that does not: the phone is marked, the name is not.
    await field(page, lang, 'fullName').fill(customer.fullName);
    await field(page, lang, 'phone').fill('call me at home');
    await page.keyboard.press('Enter');
    const phone = field(page, lang, 'phone');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(t(lang, 'journey.lookup.invalid.phone'))).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(
      t(lang, 'journey.lookup.invalid.fix', { fields: t(lang, 'journey.fields.phone') }),
    );
    for (const other of FIELDS.filter((f) => f !== 'phone')) {
      await expect(field(page, lang, other), other).toHaveAttribute('aria-invalid', 'false');
    }
    await expect(phone).toBeFocused();
    await page.screenshot({ path: test.info().outputPath(`phone-unreadable-${lang}.png`) });
    await expectAccessible(page, `lookup with a phone it cannot read (${lang})`);

    // Corrected, it finds the caller; the mark goes.
    await phone.fill(spokenPhone(customer.nationalPhone));
    await phone.press('Enter');
    const row = page.getByTestId('lookup-row').filter({ hasText: customer.nationalPhone.slice(-4) });
    await expect(row).toHaveCount(1);
    await expect(phone).toHaveAttribute('aria-invalid', 'false');
    const rowsFound = await page.getByTestId('lookup-row').count();

    await row.getByRole('button', { name: t(lang, 'journey.case.open') }).click();
    await expect(page.getByTestId('case-level')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/accounts/${customer.id}/show`));

    // Back: the same details, the same results, from memory only.
    await page.goBack();
    await expect(
      page.getByRole('heading', { level: 1, name: t(lang, 'journey.lookup.title') }),
    ).toBeVisible();
    await expect(field(page, lang, 'fullName')).toHaveValue(customer.fullName);
    await expect(field(page, lang, 'phone')).toHaveValue(spokenPhone(customer.nationalPhone));
    await expect(page.getByTestId('lookup-row')).toHaveCount(rowsFound);
    await expect(row).toHaveCount(1);
    const trace = await page.evaluate(() =>
      JSON.stringify([window.location.href, { ...sessionStorage }, { ...localStorage }, history.state]),
    );
    expect(trace).not.toContain(customer.fullName);
    expect(trace).not.toContain(customer.nationalPhone.slice(-4));
    await expectAccessible(page, `lookup after Back (${lang})`);

    // Signing out forgets the caller: whoever signs in next at this desk starts empty (no page reload).
    await page.getByRole('button', { name: t(lang, 'ra.auth.user_menu') }).click();
    await page.getByRole('menuitem', { name: t(lang, 'ra.auth.logout') }).click();
    await expect(page).toHaveURL(/#\/login/);
    await typeCredentials(page, lang, 'agent', E2E_PASSWORD);
    await openFindCustomer(page, lang);
    await expect(field(page, lang, 'fullName')).toHaveValue('');
    await expect(page.getByTestId('lookup-row')).toHaveCount(0);
  });
}
