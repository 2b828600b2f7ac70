import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, staffPage } from './helpers/console';
import { createCustomer, spokenPhone } from './helpers/customers';

/** Issue 6, point 2: "the reset email never arrived" — the messages sent, an SMS reset, and Resend. */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

/** The SMS files the outbox wrote for this phone (no SMS gateway in the e2e run). */
function smsTo(e164: string): Array<{ body: string; at: string }> {
  const dir = join(process.env.RD_E2E_DIR ?? '', 'mailbox');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string; body: string; at: string })
    .filter((sms) => sms.to === e164);
}

async function auditCount(page: Page, action: string, accountId: number) {
  return page.evaluate(
    async ({ action, accountId }) => {
      const filter = encodeURIComponent(JSON.stringify({ action, targetId: accountId }));
      const response = await fetch(`/api/audit-events?filter=${filter}`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      return ((await response.json()) as unknown[]).length;
    },
    { action, accountId },
  );
}

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when the caller never got the reset email, then the agent sends the link by SMS, sees it in the messages sent and resends it once (${lang})`, async ({
    page,
    browser,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: `Messages ${lang} ${randomInt(1e5, 1e6)}` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    const messages = page.getByTestId('messages-sent');
    await expect(messages).toContainText(t(lang, 'resources.messages.empty'));

    // The reset dialog offers SMS as well as email; the title follows the channel chosen.
    await page
      .getByRole('button', { name: t(lang, 'journey.actions.passwordReset.label'), exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('radio', {
        name: new RegExp(t(lang, 'journey.actions.passwordReset.bySms', { phone: '' }).trim()),
      })
      .check();
    await expect(dialog.getByRole('heading')).toContainText(customer.nationalPhone.slice(-4));
    await expectAccessible(page, `reset dialog with the channel choice (${lang})`);
    await dialog
      .getByRole('textbox', { name: t(lang, 'journey.confirm.reason') })
      .fill('Reset email never arrives');
    await page.keyboard.press('Enter');
    await expect(
      page.getByText(t(lang, 'journey.actions.passwordReset.done'), { exact: true }),
    ).toBeVisible();

    // The list says what went where: the link, by SMS, to the masked phone, and it was delivered.
    const row = messages
      .getByRole('row')
      .filter({ hasText: t(lang, 'resources.messages.templates.password_reset_link') });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(t(lang, 'resources.messages.channels.sms'));
    await expect(row).toContainText(customer.nationalPhone.slice(-4));
    await expect
      .poll(
        () => smsTo(customer.e164).filter((s) => s.body.includes('/wallet/reset-password?token=')).length,
        {
          message: 'the reset SMS reaches the mailbox folder',
          timeout: 15_000,
        },
      )
      .toBe(1);
    const firstLink = smsTo(customer.e164).find((s) =>
      s.body.includes('/wallet/reset-password?token='),
    )!.body;
    await page.getByRole('button', { name: t(lang, 'ra.action.refresh') }).click();
    await expect(row).toContainText(t(lang, 'resources.messages.statuses.sent'));
    await expectAccessible(page, `account page with the messages sent (${lang})`);

    // Resend, double-clicked: the dialog stays open, one resend reaches the server, the SMS goes out again.
    const resentAt = Date.now();
    await row
      .getByRole('button', { name: new RegExp(t(lang, 'resources.messages.resend.label')) })
      .dblclick();
    // The double click's second click landed on the dialog: the reason field still has the focus.
    await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
    await page.keyboard.insertText('Caller still has no message');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: t(lang, 'resources.messages.resend.label') })
      .dblclick();
    await expect(page.getByText(t(lang, 'resources.messages.resend.done'))).toBeVisible();
    // The resend carries a fresh link (issue 7 finding 3): the first one was voided, never kept.
    await expect
      .poll(
        () =>
          smsTo(customer.e164).some(
            (s) => Date.parse(s.at) >= resentAt - 1000 && s.body.includes('/wallet/reset-password?token='),
          ),
        { message: 'the resent SMS reaches the mailbox folder', timeout: 15_000 },
      )
      .toBe(true);
    const resentLink = smsTo(customer.e164).find((s) => Date.parse(s.at) >= resentAt - 1000)!.body;
    expect(resentLink).not.toBe(firstLink);
    // The trail (a supervisor's view) has one resend: the second click was answered from the first.
    const supervisor = await staffPage(browser, signIn, 'supervisor', lang);
    try {
      expect(await auditCount(supervisor.page, 'message.resend', customer.id)).toBe(1);
    } finally {
      await supervisor.close();
    }
  });
}
