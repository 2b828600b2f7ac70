import { randomInt } from 'node:crypto';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { openFindCustomer } from './helpers/console';
import { createCustomer, spokenPhone } from './helpers/customers';

/** Issue 6, points 1 and 3: every route that leads to a case shows it; a double click opens one case. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

async function casesOf(page: import('@playwright/test').Page, accountId: number) {
  return page.evaluate(async (accountId) => {
    const filter = encodeURIComponent(JSON.stringify({ accountId }));
    const response = await fetch(`/api/cases?filter=${filter}`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    return (await response.json()) as { id: number }[];
  }, accountId);
}

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when an agent double-clicks Open case, then opens the case from the case list and from the bare account address, then one case shows every time (${lang})`, async ({
    page,
    signIn,
  }) => {
    // A name of its own per attempt: a retried test must not find the first attempt's customer too.
    const customer = await createCustomer({ fullName: `Case Shape ${lang} ${randomInt(1e5, 1e6)}` });
    await signIn(page, 'agent', lang);
    await openFindCustomer(page, lang);
    await page.getByLabel(t(lang, 'journey.fields.fullName'), { exact: true }).fill(customer.fullName);
    await page
      .getByLabel(t(lang, 'journey.fields.phone'), { exact: true })
      .fill(spokenPhone(customer.nationalPhone));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lookup-row')).toHaveCount(1);
    await page.getByRole('button', { name: t(lang, 'journey.case.open') }).dblclick();
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '1');
    expect(await casesOf(page, customer.id)).toHaveLength(1);

    // From the case list: a row click lands on the account with its case panel, not on an error page.
    await page.getByRole('menuitem', { name: t(lang, 'resources.cases.name') }).click();
    const row = page.locator('tbody tr').filter({ hasText: customer.accountNumber }).first();
    await row.click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${customer.id}/show\\?case=\\d+`));
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '1');
    await expect(page.getByText(t(lang, 'ra.page.error'))).toHaveCount(0);

    // The bare account address (as an email change's account link gives it) finds the open case.
    await page.goto(`/#/accounts/${customer.id}/show`);
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '1');
    await expect(page.getByText(t(lang, 'ra.page.error'))).toHaveCount(0);
  });
}
