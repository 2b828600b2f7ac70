import type { Page } from '@playwright/test';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, staffPage, typeCheck } from './helpers/console';
import { type Customer, createCustomer, readSmsCode, spokenPhone } from './helpers/customers';
import type { E2EUsername } from './staff';

/** Issue 14 (docs/design.md, Case ownership and escalation): the agent may not, so a supervisor does, in the same case. */

test.describe.configure({ timeout: 150_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const CALLERS: Record<Lang, string> = { en: 'Olga Escalation', zh: '赵升级' };
const IMPOSTOR_CALLERS: Record<Lang, string> = { en: 'Ivan Impostor', zh: '钱冒充' };
// Each language its own pair, so the two runs never take each other's cases.
const AGENT: Record<Lang, E2EUsername> = { en: 'agent', zh: 'agent2' };
const SUPERVISOR: Record<Lang, E2EUsername> = { en: 'supervisor', zh: 'supervisor2' };

async function verifyToL3(page: Page, lang: Lang, customer: Customer) {
  await typeCheck(page, lang, 'recent_transaction', '1234.50', 2);
  const sentAt = Date.now();
  // Double-clicked: one code reaches the caller (the trail is checked at the end of the journey).
  await page.getByRole('button', { name: t(lang, 'journey.otp.send.sms') }).dblclick();
  await expect(page.getByLabel(t(lang, 'journey.factorInput.sms_otp'), { exact: true })).toBeFocused();
  await page.keyboard.type(await readSmsCode(customer.e164, sentAt));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', '3');
}

for (const lang of ['en', 'zh'] as const) {
  test(`when an agent meets a suspicious_activity lock, then they note and escalate, and a supervisor takes it from the live queue, unlocks without re-verifying and closes (${lang})`, async ({
    page,
    browser,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({
      fullName: CALLERS[lang],
      status: 'locked',
      lockReason: 'suspicious_activity',
    });
    // The supervisor's queue is open before the escalation: it must appear there without a reload.
    const supervisor = await staffPage(browser, signIn, SUPERVISOR[lang], lang);
    try {
      const sp = supervisor.page;
      await sp.getByRole('menuitem', { name: new RegExp(t(lang, 'resources.escalations.name')) }).click();
      await expect(sp.getByText(t(lang, 'resources.escalations.title')).first()).toBeVisible();

      await page.setViewportSize({ width: 1440, height: 900 });
      await signIn(page, AGENT[lang], lang);
      await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
      await verifyToL3(page, lang, customer);
      // At L3 the agent still may not: the unlock says a supervisor is needed.
      const unlock = page.getByRole('button', { name: t(lang, 'journey.actions.unlock.label'), exact: true });
      await expect(unlock).toBeDisabled();

      // A note that holds the code is refused in words; a plain one is kept.
      const note = page.getByLabel(t(lang, 'resources.cases.notes.label'));
      await note.fill('Caller read 553 210 to me');
      await page.getByRole('button', { name: t(lang, 'resources.cases.notes.add') }).click();
      await expect(
        page.getByText(t(lang, 'resources.cases.notes.secret.one_time_code')).first(),
      ).toBeVisible();
      await note.fill('Caller travelled to Tokyo last week; sign-ins from two countries');
      await page.getByRole('button', { name: t(lang, 'resources.cases.notes.add') }).dblclick();
      await expect(page.getByTestId('case-notes').getByRole('listitem')).toHaveCount(1);
      await expectAccessible(page, `case panel with a note (${lang})`);

      await page.getByRole('button', { name: t(lang, 'resources.cases.handoff.escalate') }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('textbox')).toBeFocused();
      // A refused reason (it holds a code) keeps the dialog, says why under the field and puts the focus back there,
      // even when the agent had clicked the button.
      await page.keyboard.insertText('Caller read 553 210 to me');
      await dialog.getByRole('button', { name: t(lang, 'resources.cases.handoff.escalate') }).click();
      await expect(dialog.getByText(t(lang, 'resources.cases.notes.secret.one_time_code'))).toBeVisible();
      await expect(dialog.getByRole('textbox')).toBeFocused();
      await dialog.getByRole('textbox').clear();
      await page.keyboard.insertText('Suspicious lock: needs a supervisor, caller verified to L3');
      await expectAccessible(page, `escalate dialog (${lang})`);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('case-escalation')).toBeVisible();

      // The supervisor sees it arrive (polling), with the count in the menu, and opens it.
      const row = sp.getByRole('row').filter({ hasText: customer.accountNumber });
      await expect(row).toBeVisible();
      await expect(sp.getByTestId('escalations-waiting')).toBeVisible();
      await expect(row).toContainText('Tokyo');
      await expectAccessible(sp, `escalation queue (${lang})`);
      await row.click();
      await sp.getByRole('button', { name: t(lang, 'resources.cases.handoff.take') }).dblclick();
      await expect(sp.getByText(t(lang, 'resources.cases.handoff.taken'))).toBeVisible();
      await expect(sp.getByTestId('case-level')).toHaveAttribute('data-level', '3');

      const spUnlock = sp.getByRole('button', { name: t(lang, 'journey.actions.unlock.label'), exact: true });
      await expect(spUnlock).toBeEnabled();
      // Unlock and its confirmation, both double-clicked: the reason field keeps the focus, one unlock is sent.
      await spUnlock.dblclick();
      await expect(sp.getByRole('dialog').getByRole('textbox')).toBeFocused();
      await sp.keyboard.insertText('Travel confirmed with the caller on the line');
      await sp
        .getByRole('dialog')
        .getByRole('button', { name: t(lang, 'journey.actions.unlock.label') })
        .dblclick();
      await expect(sp.getByText(t(lang, 'journey.actions.unlock.done'), { exact: true })).toBeVisible();
      const caseId = new URL(sp.url().replace('#/', '')).searchParams.get('case');
      const trail = await sp.evaluate(async (id) => {
        const filter = encodeURIComponent(JSON.stringify({ caseId: Number(id) }));
        const res = await fetch(`/api/audit-events?filter=${filter}&range=[0,99]`, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        return (await res.json()) as { action: string; outcome: string }[];
      }, caseId);
      const rowsOf = (action: string) => trail.filter((r) => r.action === action).map((r) => r.outcome);
      expect(rowsOf('case.otp'), 'one code sent for the double click').toEqual(['success']);
      expect(rowsOf('account.unlock'), 'one unlock for the double clicks').toEqual(['success']);

      await sp.getByRole('button', { name: t(lang, 'journey.case.close') }).click();
      await sp.getByRole('radio', { name: t(lang, 'resources.cases.resolutions.unlocked') }).check();
      await expectAccessible(sp, `close dialog (${lang})`);
      await sp
        .getByRole('dialog')
        .getByRole('button', { name: t(lang, 'journey.case.close') })
        .click();
      await expect(sp.getByText(t(lang, 'resources.cases.close.done'), { exact: true })).toBeVisible();

      // The agent who escalated reads the outcome but can no longer act.
      await page.reload();
      await expect(
        page.getByText(
          t(lang, 'journey.case.closedNote', { resolution: t(lang, 'resources.cases.resolutions.unlocked') }),
        ),
      ).toBeVisible();
    } finally {
      await supervisor.close();
    }
  });

  test(`when the caller is not the owner, then one click closes as impostor suspected and the account shows the signal (${lang})`, async ({
    page,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: IMPOSTOR_CALLERS[lang] });
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, AGENT[lang], lang);
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    await expectAccessible(page, `impostor buttons (${lang})`);
    await page.getByRole('button', { name: t(lang, 'resources.cases.impostor.report_and_hold') }).dblclick();
    await expect(page.getByText(t(lang, 'resources.cases.impostor.done'))).toBeVisible();
    await expect(page.getByTestId('impostor-signal')).toBeVisible();
    await expectAccessible(page, `account with the impostor signal (${lang})`);
    await page.reload();
    await expect(page.getByTestId('impostor-signal')).toBeVisible();
    await expect(page.getByText(t(lang, 'journey.statuses.locked')).first()).toBeVisible();
  });
}
