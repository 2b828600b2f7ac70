import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, typeCheck } from './helpers/console';
import { createCustomer, readSmsCode } from './helpers/customers';

/** docs/design.md, Risk signals: a SIM swap makes the phone's code worthless as proof; the agent sees why. */

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const CALLERS: Record<Lang, string> = { en: 'Risa Phonechange', zh: '陈换机' };

for (const lang of ['en', 'zh'] as const) {
  test(`when the phone changed 2 days ago, then the account shows the signal before any action and an SMS code does not enable reveal (${lang})`, async ({
    page,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({
      fullName: CALLERS[lang],
      phoneChangedAt: Date.now() - 2 * 86_400_000,
    });
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, customer.e164);

    const panel = page.getByTestId('risk-signals');
    await expect(panel).toContainText(t(lang, 'resources.risk-signals.title'));
    await expect(panel.locator('[data-signal="phone_changed"]')).toBeVisible();
    await expect(panel).toContainText(t(lang, 'resources.risk-signals.effects.sms_not_possession'));
    // The warning comes before the first action button in reading order.
    const revealEmail = page.getByRole('button', {
      name: t(lang, 'journey.actions.reveal.email'),
      exact: true,
    });
    const [panelTop, buttonTop] = await Promise.all([panel.boundingBox(), revealEmail.boundingBox()]);
    expect(panelTop!.y).toBeLessThan(buttonTop!.y);

    const sentAt = Date.now();
    await page.getByRole('button', { name: t(lang, 'journey.otp.send.sms') }).click();
    const codeInput = page.getByLabel(t(lang, 'journey.factorInput.sms_otp'), { exact: true });
    await expect(codeInput).toBeFocused();
    await page.keyboard.type(await readSmsCode(customer.e164, sentAt));
    await page.keyboard.press('Enter');
    // The code matched (the case holds it), but the policy does not count it as possession.
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '2');
    await expect(revealEmail).toBeDisabled();
    await expect(page.getByText(t(lang, 'journey.missing.risk_phone_changed')).first()).toBeVisible();
    await expectAccessible(page, `account with a phone-change signal (${lang})`);
    await page.screenshot({ path: test.info().outputPath(`risk-signals-${lang}.png`), fullPage: true });

    // A recent transaction (knowledge) reaches L2 without the SMS code: reveal is offered.
    await typeCheck(page, lang, 'recent_transaction', String(customer.recentAmount), 3);
    await expect(revealEmail).toBeEnabled();
  });
}
