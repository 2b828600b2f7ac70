import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { findAndOpenCase, staffPage, typeCheck, unlockThroughApi } from './helpers/console';
import { createCustomer, lockByFailedSignIns, spokenPhone } from './helpers/customers';

/** Issue 11, points 2 and 3: the agent's desk and the supervisors' tiles, each tile opening the list behind it. */

test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const tile = (page: Page, id: string) => page.locator(`[data-tile="${id}"]`);

/** Follows a tile's link, checks where it lands and that the list there loaded, then comes back. */
async function opensList(page: Page, lang: Lang, id: string, linkKey: string, url: RegExp, heading: string) {
  await tile(page, id)
    .getByRole('link', { name: t(lang, linkKey) })
    .click();
  await expect(page).toHaveURL(url);
  await expect(page.locator('#react-admin-title')).toContainText(heading);
  await page.goBack();
  await expect(tile(page, id)).toBeVisible();
}

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  test(`when a customer is locked out and an agent unlocks them, then the agent's desk shows the case and the supervisor's charts count it, each tile opening its filtered list (${lang})`, async ({
    page,
    browser,
    signIn,
    expectAccessible,
  }, testInfo) => {
    const customer = await createCustomer({ fullName: `Dashboard ${lang} ${randomInt(1e5, 1e6)}` });
    await lockByFailedSignIns(page.request, customer, `203.0.113.${randomInt(2, 250)}`);

    // The agent: open a case, verify to L2, unlock; their desk lists the case with its level and status.
    const agent = await staffPage(browser, signIn, 'agent2', lang);
    await findAndOpenCase(agent.page, lang, customer, spokenPhone(customer.nationalPhone));
    await typeCheck(agent.page, lang, 'recent_transaction', String(customer.recentAmount), 2);
    expect((await unlockThroughApi(agent.page, customer.id)).status).toBe(200);
    await agent.page.getByRole('menuitem', { name: t(lang, 'ra.page.dashboard') }).click();
    const mine = tile(agent.page, 'my-open-cases');
    const row = mine.getByRole('row').filter({ hasText: customer.accountNumber });
    await expect(row).toContainText(t(lang, 'app.dashboard.agent.level', { level: '2' }));
    await expect(row).toContainText(t(lang, 'journey.statuses.active'));
    await expect(row).not.toContainText(customer.fullName);
    await expect(tile(agent.page, 'my-last-actions')).toContainText(
      t(lang, 'resources.audit-events.actions.account.unlock'),
    );
    await expectAccessible(agent.page, `agent dashboard (${lang})`);
    await agent.page.screenshot({ path: testInfo.outputPath(`agent-dashboard-${lang}.png`) });
    await agent.close();

    // The supervisor: every tile is there with its chart; each link opens the list it was counted from.
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'supervisor', lang);
    await expect(tile(page, 'actions-per-day').locator('svg').first()).toBeVisible();
    // The tile names the run's busiest types (the shared database's other specs decide which: this unlock may
    // sit in "other"); staff sign-ins, the supervisor's own included, are always among them, with their count.
    await expect(
      tile(page, 'actions-per-day').getByRole('link', {
        name: new RegExp(`^${t(lang, 'resources.audit-events.actions.staff.sign_in')}\\D+\\d+$`),
      }),
    ).toBeVisible();
    const locks = tile(page, 'locks');
    await expect(locks.locator('svg').first()).toBeVisible();
    // The chart's own text is drawn (and may be cut short); its description names each reason in full.
    await expect(
      locks.getByRole('img', { name: new RegExp(t(lang, 'journey.lockReasons.failed_attempts')) }),
    ).toBeVisible();
    await expect(tile(page, 'lookup-outliers')).toContainText(t(lang, 'app.dashboard.tiles.lookups'));
    await expectAccessible(page, `supervisor dashboard (${lang})`);
    await page.screenshot({ path: testInfo.outputPath(`supervisor-dashboard-${lang}.png`) });

    const trailTitle = t(lang, 'resources.audit-events.title');
    await opensList(
      page,
      lang,
      'actions-per-day',
      'app.dashboard.tiles.open_trail',
      /#\/audit-events\?filter=/,
      trailTitle,
    );
    await tile(page, 'locks')
      .getByRole('link', { name: t(lang, 'app.dashboard.tiles.open_unlocks') })
      .click();
    await expect(page).toHaveURL(/account\.unlock/);
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: t(lang, 'resources.audit-events.actions.account.unlock') })
        .first(),
    ).toBeVisible();
    await page.goBack();
    await opensList(
      page,
      lang,
      'pending-approvals',
      'app.dashboard.tiles.open_approvals',
      /#\/email-changes\?filter=.*pending_approval/,
      t(lang, 'resources.email-changes.name'),
    );
    await opensList(
      page,
      lang,
      'frozen-verifications',
      'app.dashboard.tiles.open_frozen',
      /#\/cases\?filter=.*frozen/,
      t(lang, 'resources.cases.name'),
    );
    await opensList(
      page,
      lang,
      'lookup-outliers',
      'app.dashboard.tiles.open_activity',
      /#\/agent-activity\?filter=/,
      t(lang, 'resources.agent-activity.name'),
    );
    await opensList(
      page,
      lang,
      'refused-lookups',
      'app.dashboard.tiles.open_refused',
      /#\/audit-events\?filter=.*denied/,
      trailTitle,
    );
  });
}
