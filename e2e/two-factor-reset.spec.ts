import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, staffPage, typeCheck } from './helpers/console';
import { createCustomer, spokenPhone } from './helpers/customers';
import { readMail } from './helpers/mailbox';

/**
 * The lost two-factor phone (docs/design.md, Two-factor reset): an agent at L3 without the lost factor files the
 * reset, a second supervisor approves it from the queue, both channels are told and the customer's next wallet
 * sign-in asks them to enrol again.
 */

test.describe.configure({ timeout: 150_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const CALLERS: Record<Lang, string> = { en: 'Tom Twofactor', zh: '孙两步' };

for (const lang of ['en', 'zh'] as const) {
  test(`when a caller lost their two-factor phone, then an agent at L3 by email code files a reset that a second supervisor approves and the customer must enrol again (${lang})`, async ({
    page,
    browser,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: CALLERS[lang], twoFactorEnabled: true });
    const email = `e2e.${customer.nationalPhone}@example.com`;
    // The second supervisor's desk is opened first, while the agent's page is idle (both load the console).
    const other = await staffPage(browser, signIn, 'supervisor2', lang);
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    // L3 without the lost phone: the transaction, then a code to the registered email.
    await typeCheck(page, lang, 'recent_transaction', '1234.50', 2);
    const sentAt = Date.now() - 1000;
    await page.getByRole('button', { name: t(lang, 'journey.otp.send.email') }).click();
    await expect(page.getByLabel(t(lang, 'journey.factorInput.email_otp'), { exact: true })).toBeFocused();
    await page.keyboard.type(await readMail('verification_code', email, /\b(\d{6})\b/, sentAt));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '3');
    const reset = page.getByRole('button', { name: t(lang, 'resources.two-factor-resets.request.label') });
    await reset.click();
    await expect(page.getByRole('dialog')).toContainText(t(lang, 'resources.two-factor-resets.story'));
    await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
    await page.keyboard.insertText('Caller lost the phone with the authenticator');
    await page.keyboard.press('Enter');
    await expect(
      page.getByText(t(lang, 'resources.two-factor-resets.request.done'), { exact: true }),
    ).toBeVisible();

    try {
      const sp = other.page;
      await sp.getByRole('menuitem', { name: t(lang, 'resources.two-factor-resets.name') }).click();
      await expect(
        sp.getByRole('heading', { name: t(lang, 'resources.two-factor-resets.title') }),
      ).toBeVisible();
      const row = sp.getByRole('row').filter({ hasText: customer.fullName });
      await expect(row).toHaveCount(1);
      await expectAccessible(sp, `the two-factor resets queue (${lang})`);
      await sp.screenshot({ path: test.info().outputPath(`two-factor-resets-queue-${lang}.png`) });
      await row.click();
      await expect(sp.getByTestId('evidence-level')).toHaveAttribute('data-level', '3');
      await expect(sp.locator('tr[data-factor="email_otp"]')).toHaveAttribute('data-matched', 'true');
      await expectAccessible(sp, `a two-factor reset request (${lang})`);
      await sp.screenshot({
        path: test.info().outputPath(`two-factor-reset-request-${lang}.png`),
        fullPage: true,
      });
      await sp.getByRole('button', { name: t(lang, 'resources.two-factor-resets.approve.label') }).click();
      await expect(sp.getByRole('dialog').getByRole('textbox')).toBeFocused();
      await sp.keyboard.insertText('Verified without the lost phone: email code and transaction');
      await sp.keyboard.press('Enter');
      await expect(
        sp.getByText(t(lang, 'resources.two-factor-resets.approve.done'), { exact: true }),
      ).toBeVisible();
      await expect(sp.locator('[data-status="completed"]')).toBeVisible();
    } finally {
      await other.close();
    }
    // The account no longer has the factor; the customer was told on both channels (the messages list).
    await page.reload();
    await expect(
      page.getByRole('button', { name: t(lang, 'resources.two-factor-resets.request.label') }),
    ).toHaveCount(0);
    await expect(
      page.getByTestId('messages-sent').getByText(t(lang, 'resources.messages.templates.two_factor_reset')),
    ).toHaveCount(2);

    // The customer's next sign-in in the wallet: the right password, and the answer says enrol again.
    const signInAnswer = await page.request.post('/api/wallet/login', {
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'X-Forwarded-For': '198.51.100.77' },
      data: { login: customer.e164, password: customer.password },
    });
    expect(signInAnswer.status()).toBe(200);
    expect(await signInAnswer.json()).toMatchObject({ signedIn: true, twoFactorEnrolRequired: true });
  });
}
