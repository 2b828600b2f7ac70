import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { maskEmail } from '../server/src/policy/mask';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { CONSOLE_TIME, expectOneLine, findAndOpenCase, staffPage, typeCheck } from './helpers/console';
import { type Customer, createCustomer, readSmsCode, spokenPhone } from './helpers/customers';
import { readMail } from './helpers/mailbox';
import { staffMember } from './staff';

/**
 * Journey 2 of docs/design.md, "I don't know which email I registered": hint, an L3 change request, a second person's
 * approval, the new address confirms, the old one undoes it, and the account is held for review.
 */

test.describe.configure({ timeout: 210_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const AJAX = { 'X-Requested-With': 'XMLHttpRequest' };
const CALLERS: Record<Lang, string> = { en: 'Nora Newmail', zh: '李新邮' };
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oldEmailOf = (c: Customer) => `e2e.${c.nationalPhone}@example.com`;
const newEmailOf = (c: Customer) => `fresh.${c.nationalPhone}@example.org`;

/** A link as the customer's mailbox receives it: the .eml of `template` sent to `email`. */
const readLink = (template: string, email: string, path: string) =>
  readMail(template, email, new RegExp(`https?://\\S+${path}\\?token=[^\\s"<>]+`));

/**
 * axe on the open dialog only: the account page behind it is journey 1's (its scan lives in journey.spec.ts, and
 * an active account's contained warning "Hold" button fails contrast there — reported, not ours to restyle).
 */
async function expectDialogAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of blocking)
    console.log(`axe ${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(
    blocking.map((v) => v.id),
    `axe found serious/critical violations on ${where}`,
  ).toEqual([]);
}

/** On the account page with a case at L1: the transaction amount (L2), then the SMS code (L3). */
async function verifyToL3(page: Page, lang: Lang, customer: Customer) {
  await typeCheck(page, lang, 'recent_transaction', '1234.50', 2);
  const sentAt = Date.now();
  await page.getByRole('button', { name: t(lang, 'journey.otp.send.sms') }).click();
  const codeInput = page.getByLabel(t(lang, 'journey.factorInput.sms_otp'), { exact: true });
  await expect(codeInput).toBeFocused();
  await page.keyboard.type(await readSmsCode(customer.e164, sentAt));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '3');
}

/** Fills the change dialog with the keyboard: the address field has the focus, Tab to the reason, Enter sends. */
async function requestChange(
  page: Page,
  lang: Lang,
  newEmail: string,
  axe?: (where: string) => Promise<void>,
) {
  const button = page.getByRole('button', {
    name: t(lang, 'journey.actions.emailChange.label'),
    exact: true,
  });
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole('dialog');
  const address = dialog.getByLabel(t(lang, 'journey.actions.emailChange.newEmail'));
  await expect(address).toBeFocused();
  await expect(address).toHaveAttribute('type', 'email');
  // The same steps the approving supervisor reads in theirs.
  await expect(dialog.getByTestId('email-change-story')).toHaveText(t(lang, 'resources.email-changes.story'));
  if (axe) await axe(`email change dialog (${lang})`);
  await page.keyboard.type(newEmail);
  await page.keyboard.press('Tab');
  await page.keyboard.insertText('Caller lost access to the old mailbox, verified to L3');
  await page.keyboard.press('Enter');
  await expect(page.getByText(t(lang, 'journey.actions.emailChange.done'), { exact: true })).toBeVisible();
  await expect(dialog).toHaveCount(0);
}

/** Opens the email-change request of this customer from the supervisors' queue (pending by default). */
async function openRequest(
  page: Page,
  lang: Lang,
  customer: Customer,
  axe?: (where: string) => Promise<void>,
) {
  await page.getByRole('menuitem', { name: t(lang, 'resources.email-changes.name') }).click();
  const row = page.getByRole('row').filter({ hasText: customer.fullName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(maskEmail(newEmailOf(customer)));
  await expect(row).toContainText(t(lang, 'resources.email-changes.statuses.pending_approval'));
  await expectOneLine(row.getByRole('cell').nth(1), `account name in the email changes list (${lang})`);
  if (axe) await axe(`email changes list (${lang})`);
  await row.click();
  await expect(heading(page)).toHaveText(/#\d+$/);
  await expect(page.getByTestId('email-change-status')).toBeVisible();
}

for (const lang of ['en', 'zh'] as const) {
  test(`when a caller lost their registered email, then a verified change is approved, confirmed and can be undone (${lang})`, async ({
    page,
    browser,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: CALLERS[lang] });
    await signIn(page, 'agent', lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    const accountPage = page.url();

    // The call starts with the masked hint (L1).
    await page.getByRole('button', { name: t(lang, 'journey.actions.emailHint.label'), exact: true }).click();
    await page.keyboard.insertText('Caller does not remember the registered email');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('email-hint')).toHaveText(maskEmail(oldEmailOf(customer)));
    await expectDialogAccessible(page, `email hint (${lang})`);
    await page.getByRole('button', { name: t(lang, 'ra.action.close') }).click();

    // A change needs L3: disabled with the reason until then.
    const change = page.getByRole('button', {
      name: t(lang, 'journey.actions.emailChange.label'),
      exact: true,
    });
    await expect(change).toBeDisabled();
    await expect(page.getByText(t(lang, 'journey.missing.level', { level: 'L3' })).first()).toBeVisible();
    await verifyToL3(page, lang, customer);
    await requestChange(page, lang, newEmailOf(customer), (where) => expectDialogAccessible(page, where));

    // The account page says where the change stands: awaiting a supervisor, filed by this agent, what comes next.
    const pending = page.getByTestId('pending-email-change');
    await expect(pending).toHaveAttribute('data-status', 'pending_approval');
    await expect(pending).toContainText(maskEmail(newEmailOf(customer)));
    await expect(pending).toContainText(t(lang, 'resources.email-changes.you'));
    const [before = '', after = ''] = t(lang, 'resources.email-changes.pending.next.pending_approval', {
      time: '\u0000',
    }).split('\u0000');
    await expect(page.getByTestId('pending-email-change-next')).toHaveText(
      new RegExp(`^${escapeRegExp(before)}.+${escapeRegExp(after)}$`),
    );

    // The agent follows their own request; only a supervisor decides it.
    await page.getByRole('menuitem', { name: t(lang, 'resources.email-changes.name') }).click();
    const own = page.getByRole('row').filter({ hasText: customer.fullName });
    await expect(own).toContainText(t(lang, 'resources.email-changes.you'));
    await own.click();
    await expect(page.getByTestId('email-change-blocker')).toHaveText(
      t(lang, 'resources.email-changes.agent_view'),
    );
    await expect(
      page.getByRole('button', { name: t(lang, 'resources.email-changes.approve.label') }),
    ).toHaveCount(0);

    const supervisor = await staffPage(browser, signIn, 'supervisor', lang);
    try {
      const sp = supervisor.page;
      // The menu counts the requests waiting for a supervisor (other tests may add theirs).
      await expect(sp.getByTestId('email-changes-pending')).toBeVisible();
      await openRequest(sp, lang, customer, (where) => expectAccessible(sp, where));
      await expectAccessible(sp, `email change request (${lang})`);
      // The evidence: the case's level and channel, each check with its outcome and time, who filed it.
      const evidence = sp.getByTestId('approval-evidence');
      await expect(evidence.getByTestId('evidence-level')).toHaveAttribute('data-level', '3');
      await expect(evidence).toContainText(t(lang, 'journey.channels.phone'));
      await expect(evidence).toContainText(staffMember('agent').fullName);
      for (const factor of ['recent_transaction', 'sms_otp']) {
        const check = evidence.locator(`tr[data-factor="${factor}"]`);
        await expect(check).toHaveAttribute('data-matched', 'true');
        await expect(check.getByRole('cell').last()).toHaveText(CONSOLE_TIME[lang]);
      }
      // The case behind the request opens from it (issue 6: "open a case from an email change"), and Back returns.
      await evidence.getByTestId('evidence-case-link').click();
      await expect(sp.getByRole('link', { name: t(lang, 'journey.case.goToAccount') })).toBeVisible();
      await expect(sp.getByTestId('case-level')).toHaveAttribute('data-level', '3');
      await sp.goBack();
      await expect(sp.getByTestId('approval-evidence')).toBeVisible();
      await sp.getByRole('button', { name: t(lang, 'resources.email-changes.approve.label') }).click();
      await expect(sp.getByRole('dialog').getByRole('textbox')).toBeFocused();
      await expect(sp.getByRole('dialog')).toContainText(t(lang, 'resources.email-changes.story'));
      await sp.keyboard.insertText('Requester verified to L3 with SMS code and transaction');
      await sp.keyboard.press('Enter');
      await expect(sp.getByText(t(lang, 'resources.email-changes.approve.done'))).toBeVisible();
      await expect(sp.locator('[data-status="awaiting_confirmation"]')).toBeVisible();
    } finally {
      await supervisor.close();
    }

    await page.goto(accountPage);
    await expect(page.getByTestId('pending-email-change')).toHaveAttribute(
      'data-status',
      'awaiting_confirmation',
    );

    // The customer's browser: confirm from the new address.
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const wallet = await context.newPage();
    try {
      const confirmLink = await readLink(
        'email_change_confirm',
        newEmailOf(customer),
        '/wallet/confirm-email',
      );
      const confirmToken = new URL(confirmLink).searchParams.get('token') ?? '';
      await wallet.goto(confirmLink);
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.emailChange.confirm.title'));
      expect(wallet.url()).not.toContain(confirmToken);
      expect(new URL(wallet.url()).pathname).toBe('/wallet/confirm-email');
      await expectAccessible(wallet, `confirm new email (${lang})`);
      await wallet.getByRole('button', { name: t(lang, 'app.wallet.emailChange.confirm.submit') }).click();
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.emailChange.confirm.done_title'));
      await expect(heading(wallet)).toBeFocused();

      // The old address was told at once and can undo it.
      const revertLink = await readLink(
        'email_change_notice_old',
        oldEmailOf(customer),
        '/wallet/revert-email',
      );
      await wallet.goto(revertLink);
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.emailChange.revert.title'));
      expect(wallet.url()).not.toContain('token=');
      await expect(wallet.getByText(t(lang, 'app.wallet.emailChange.revert.consequences'))).toBeVisible();
      await expectAccessible(wallet, `revert email change (${lang})`);
      await wallet.getByRole('button', { name: t(lang, 'app.wallet.emailChange.revert.submit') }).click();
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.emailChange.revert.done_title'));
      await expect(wallet.getByText(t(lang, 'app.wallet.emailChange.revert.done_held'))).toBeVisible();
      await expectAccessible(wallet, `email change undone (${lang})`);

      // A spent link says so as it opens, with nothing left to press.
      await wallet.goto(revertLink);
      await expect(heading(wallet)).toHaveText(t(lang, 'app.wallet.link.used_title'));
      await expect(wallet.getByText(t(lang, 'app.wallet.emailChange.errors.link_used'))).toBeVisible();
      await expect(
        wallet.getByRole('button', { name: t(lang, 'app.wallet.emailChange.revert.submit') }),
      ).toHaveCount(0);
    } finally {
      await context.close();
    }

    // Back on the account: held for review at the customer's request, the old address registered again.
    await page.goto(accountPage);
    await page.reload();
    await expect(page.getByTestId('lock-banner')).toContainText(
      t(lang, 'journey.lockReasons.customer_request'),
    );
    await expect(page.getByText(maskEmail(oldEmailOf(customer)), { exact: true })).toBeVisible();
  });
}

test('when a supervisor requested the change, then they cannot approve it themselves', async ({
  page,
  browser,
  signIn,
}) => {
  const customer = await createCustomer({ fullName: 'Sol Selfapprove' });
  await signIn(page, 'supervisor', 'en');
  await findAndOpenCase(page, 'en', customer, spokenPhone(customer.nationalPhone));
  await verifyToL3(page, 'en', customer);
  await requestChange(page, 'en', newEmailOf(customer));

  // One open change per account: a second request is refused in place, the dialog stays for the agent.
  await page.getByRole('button', { name: t('en', 'journey.actions.emailChange.label'), exact: true }).click();
  await page.keyboard.type(`other.${customer.nationalPhone}@example.net`);
  await page.keyboard.press('Tab');
  await page.keyboard.insertText('Trying a second address for the same caller');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(t('en', 'journey.actions.emailChange.open_change'))).toBeVisible();
  // The refusal names the address: the focus is back on it, ready to be corrected.
  await expect(dialog.getByLabel(t('en', 'journey.actions.emailChange.newEmail'))).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await openRequest(page, 'en', customer);
  await expect(page.getByTestId('email-change-blocker')).toHaveText(
    t('en', 'resources.email-changes.own_request'),
  );
  await expect(
    page.getByRole('button', { name: t('en', 'resources.email-changes.approve.label') }),
  ).toHaveCount(0);
  const id = Number(page.url().match(/email-changes\/(\d+)/)?.[1]);
  const direct = await page.request.post(`/api/email-changes/${id}/approve`, {
    headers: AJAX,
    data: { reason: 'Approving my own request' },
  });
  expect(direct.status()).toBe(403);
  expect((await direct.json()).missing).toContain('approver:other_than_requester');

  // Another supervisor may: the request is still pending for them.
  const other = await staffPage(browser, signIn, 'supervisor2', 'en');
  try {
    await openRequest(other.page, 'en', customer);
    await other.page.getByRole('button', { name: t('en', 'resources.email-changes.reject.label') }).click();
    await other.page.keyboard.insertText('Requester cannot approve; rejecting for the test');
    await other.page.keyboard.press('Enter');
    await expect(other.page.getByText(t('en', 'resources.email-changes.reject.done'))).toBeVisible();
    await expect(other.page.locator('[data-status="rejected"]')).toBeVisible();
  } finally {
    await other.close();
  }
});
