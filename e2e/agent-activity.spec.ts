import { expect as baseExpect, expectAccessible, t, test } from './fixtures';
import { E2E_PASSWORD, staffMember } from './staff';

/** docs/design.md, Journeys, Supervisor: spots outliers such as an agent with many lookups and no cases. */

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

for (const lang of ['en', 'zh'] as const) {
  test(`when an agent has been looking customers up, then a supervisor sees it counted in agent activity (${lang})`, async ({
    page,
    playwright,
    baseURL,
    signIn,
  }) => {
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(
      (await api.post('/api/auth/login', { data: { username: 'agent2', password: E2E_PASSWORD } })).status(),
    ).toBe(200);
    for (let i = 0; i < 10; i++) {
      expect((await api.post('/api/lookup', { data: { fullName: `Nobody Called ${i}` } })).status()).toBe(
        200,
      );
    }
    await api.dispose();

    await signIn(page, lang === 'en' ? 'supervisor' : 'supervisor2', lang);
    const item = page.getByRole('menuitem', { name: t(lang, 'resources.agent-activity.name') });
    await item.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/agent-activity/);
    // The row whose name link is exactly agent2: a substring also matches another row's run-together cells
    // ("agent", "Agent", "2…"), depending on what the run's other tests did.
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'agent2', exact: true }) });
    await expect(row).toBeVisible();
    const lookups = Number(await row.getByRole('cell').nth(2).textContent());
    expect(lookups).toBeGreaterThanOrEqual(10);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page, `agent activity (${lang})`);
    // Point 7: the name opens the trail filtered to that agent.
    await row.getByRole('link', { name: 'agent2', exact: true }).click();
    await expect(page).toHaveURL(/#\/audit-events\?filter=.*actorId/);
    // The trail names staff by full name (issue 11 point 4).
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: staffMember('agent2').fullName })
        .first(),
    ).toBeVisible();
  });
}
