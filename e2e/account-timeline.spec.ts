import { randomInt } from 'node:crypto';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, typeCheck, unlockThroughApi } from './helpers/console';
import { createCustomer, lockByFailedSignIns, spokenPhone } from './helpers/customers';

/**
 * docs/design.md, Account timeline (issue 11 point 5): the story of one account on its page, newest first — the
 * lockout, the unlock and the notice in order; sign-ins only through an open case, and the page says so.
 */

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1440, height: 900 } });
const expect = baseExpect.configure({ timeout: 20_000 });
const key = (suffix: string) => `resources.account-timeline.${suffix}`;

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when a customer locked themselves out and an agent unlocked them, then the account timeline tells it in order, and sign-ins need the case (${lang})`, async ({
    page,
    request,
    signIn,
    expectAccessible,
  }) => {
    const customer = await createCustomer({ fullName: `Timeline ${lang} ${randomInt(1e5, 1e6)}` });
    await lockByFailedSignIns(request, customer, '198.51.100.23');
    await signIn(page, 'agent', lang);

    // Without a case: the staff actions and messages, and a sentence why the sign-ins are not there.
    await page.goto(`/#/accounts/${customer.id}/show`);
    const section = page.getByRole('region', { name: t(lang, key('heading')) });
    const rows = section.getByTestId('account-timeline').locator('tbody tr');
    const signIns = section.getByRole('button', { name: t(lang, key('kinds.sign_in')) });
    await expect(section.getByTestId('timeline-sign-ins-hidden')).toHaveText(t(lang, key('sign_ins_hidden')));
    await expect(signIns).toBeDisabled();
    const autoLock = t(lang, 'resources.audit-events.actions.wallet.auto_lock');
    await expect(rows.filter({ hasText: autoLock })).toHaveCount(1);
    await expect(rows.filter({ hasText: '198.51.100.23' })).toHaveCount(0);

    // Through the case: verified to L2, unlocked; the story is notice, unlock, lock, then the wrong passwords.
    await findAndOpenCase(page, lang, customer, spokenPhone(customer.nationalPhone));
    await typeCheck(page, lang, 'recent_transaction', String(customer.recentAmount), 2);
    expect((await unlockThroughApi(page, customer.id)).status).toBe(200);
    await page.reload();
    await expect(section.getByTestId('timeline-sign-ins-hidden')).toHaveCount(0);
    await expect(signIns).toBeEnabled();
    const notice = t(lang, 'resources.messages.templates.account_unlocked');
    const unlock = t(lang, 'resources.audit-events.actions.account.unlock');
    const lockedOut = t(lang, 'journey.outcomes.locked_out');
    await expect(rows.filter({ hasText: notice })).toHaveCount(1);
    const texts = await rows.allInnerTexts();
    const at = (what: string) => texts.findIndex((row) => row.includes(what));
    expect(at(notice), texts.join('\n')).toBeGreaterThanOrEqual(0);
    expect(at(unlock)).toBeGreaterThan(at(notice));
    expect(at(autoLock)).toBeGreaterThan(at(unlock));
    expect(at(lockedOut)).toBeGreaterThan(at(autoLock));
    expect(texts[at(lockedOut)]).toContain('198.51.100.23');
    // Staff by name: the unlock names the agent who did it.
    expect(texts[at(unlock)]).toContain('Alice Agent');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`account-timeline-${lang}.png`) });
    await expectAccessible(page, `account timeline (${lang})`);

    // Keyboard only: the kind filter is a group of buttons; Messages leaves only the messages.
    await section.getByRole('button', { name: t(lang, key('kinds.message')) }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.filter({ hasText: unlock })).toHaveCount(0);
    await expect(rows.filter({ hasText: notice })).toHaveCount(1);
    await expect(section.getByRole('button', { name: t(lang, key('kinds.message')) })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await signIns.focus();
    await page.keyboard.press('Space');
    await expect(rows.filter({ hasText: lockedOut })).toHaveCount(1);
    await expect(rows.filter({ hasText: notice })).toHaveCount(0);
  });
}
