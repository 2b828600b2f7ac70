import { randomInt } from 'node:crypto';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase } from './helpers/console';
import { createCustomer, spokenPhone } from './helpers/customers';

/** Issue 6, point 5: the mismatch count always in view, the freeze said in words, the frozen case marked. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when a caller gets three details wrong, then the panel counts them, says verification is frozen and the case list marks the case (${lang})`, async ({
    page,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: `Freeze ${lang} ${randomInt(1e5, 1e6)}` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    const count = page.getByTestId('mismatch-count');
    await expect(count).toHaveText(t(lang, 'journey.checks.mismatchCount', { count: '0', max: '3' }));

    const wrong: Array<[string, string]> = [
      ['date_of_birth', '1971-01-01'],
      ['national_id_last4', '0000'],
      ['recent_transaction', '99999.99'],
    ];
    for (const [n, [factor, value]] of wrong.entries()) {
      const input = page.getByLabel(t(lang, `journey.factorInput.${factor}`), { exact: true });
      await input.fill(value);
      await input.press('Enter');
      if (n < 2)
        await expect(count).toHaveText(
          t(lang, 'journey.checks.mismatchCount', { count: String(n + 1), max: '3' }),
        );
    }
    const factor = t(lang, 'journey.factors.recent_transaction');
    await expect(page.getByText(t(lang, 'journey.checks.frozenNow', { factor }))).toBeVisible();
    await expect(count).toHaveText(t(lang, 'journey.checks.mismatchCount', { count: '3', max: '3' }));
    await expect(page.getByText(t(lang, 'journey.customerFreeze.frozen'))).toBeVisible();
    await expectAccessible(page, `frozen case panel (${lang})`);

    await page.getByRole('menuitem', { name: t(lang, 'resources.cases.name') }).click();
    const row = page.getByRole('row').filter({ hasText: customer.fullName });
    await expect(row.getByTestId('frozen-marker')).toHaveText(t(lang, 'journey.case.frozenMarker'));
    await expectAccessible(page, `case list with a frozen case (${lang})`);
  });
}
