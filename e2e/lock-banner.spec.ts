import { randomInt } from 'node:crypto';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase } from './helpers/console';
import { createCustomer, spokenPhone, walletLogin } from './helpers/customers';

/** Issue 6, point 6: the lock in one line, its sign-ins folded behind it, several countries flagged. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when wrong passwords from two countries locked the account, then the banner sums them up in one line, flags the countries and unfolds the sign-ins on demand (${lang})`, async ({
    page,
    request,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: `Lock Banner ${lang} ${randomInt(1e5, 1e6)}` });
    const from = [
      { ip: '203.0.113.10', country: 'CN' },
      { ip: '203.0.113.11', country: 'CN' },
      { ip: '203.0.113.77', country: 'HK' },
      { ip: '203.0.113.77', country: 'HK' },
      { ip: '203.0.113.77', country: 'HK' },
    ];
    const statuses = [];
    for (const where of from)
      statuses.push(await walletLogin(request, customer.e164, 'not-my-password', where));
    expect(statuses.at(-1)).toBe(423);

    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    const banner = page.getByTestId('lock-banner');
    const summary = banner.getByTestId('lock-summary');
    await expect(summary).toContainText('5');
    await expect(summary).toContainText('3');
    await expect(summary).toContainText('CN, HK');
    await expect(banner.getByTestId('lock-countries-hint')).toHaveText(
      t(lang, 'journey.lock.severalCountries', { countries: 'CN, HK' }),
    );
    // Folded: the banner stays a few lines high, so the case panel and the actions start above the fold.
    await expect(banner.getByRole('cell', { name: '203.0.113.77' }).first()).toBeHidden();
    expect((await banner.boundingBox())!.height).toBeLessThan(220);
    await expectAccessible(page, `lock banner folded (${lang})`);

    const toggle = banner.getByRole('button', { name: t(lang, 'journey.lock.showDetails', { count: '5' }) });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(banner.getByRole('cell', { name: '203.0.113.77' }).first()).toBeVisible();
    await expect(banner.getByRole('button', { name: t(lang, 'journey.lock.hideDetails') })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expectAccessible(page, `lock banner unfolded (${lang})`);
  });
}
