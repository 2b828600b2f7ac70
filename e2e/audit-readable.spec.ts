import { expect as baseExpect, expectAccessible, type Lang, t, test } from './fixtures';
import { E2E_PASSWORD, type E2EUsername, staffMember } from './staff';

/** docs/design.md, Readable trail: saved views filter the trail, a change reads as field / before / after. */

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1440, height: 900 } });
const expect = baseExpect.configure({ timeout: 15_000 });
const SUPERVISOR: Record<Lang, E2EUsername> = { en: 'supervisor', zh: 'supervisor2' };
const key = (suffix: string) => `resources.audit-events.${suffix}`;

for (const lang of ['en', 'zh'] as const) {
  test(`when a supervisor picks a saved view, then the trail filters to it, and a staff change shows as a readable diff (${lang})`, async ({
    page,
    playwright,
    baseURL,
    signIn,
  }) => {
    // A staff change with before/after in the trail: a member created and disabled through the API. The reason
    // is this run's own: the other language's run disables its own member at the same time.
    const stamp = `${lang}-${Date.now() % 1_000_000}`;
    const endReason = `Contract ended ${stamp}`;
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    await api.post('/api/auth/login', { data: { username: SUPERVISOR[lang], password: E2E_PASSWORD } });
    const created = await api.post('/api/staff', {
      data: {
        username: `leaver-${stamp}`,
        fullName: 'Lee Leaver',
        role: 'agent',
        reason: 'Temporary contract',
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await api.post(`/api/staff/${id}/disable`, { data: { reason: endReason } })).status()).toBe(200);
    await api.dispose();

    await signIn(page, SUPERVISOR[lang], lang);
    await page.getByRole('menuitem', { name: t(lang, key('name')) }).click();
    await expect(page).toHaveURL(/#\/audit-events/);
    const view = (name: string) =>
      page.getByRole('button', { name: t(lang, key(`views.${name}`)), exact: true });
    await view('denied').click();
    await expect(view('denied')).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/outcome%22%3A%22denied|outcome":"denied/);
    await expect(page.getByRole('row').filter({ hasText: t(lang, key('outcomes.success')) })).toHaveCount(0);

    await view('staff_changes').click();
    const disableRow = page
      .getByRole('row')
      .filter({ hasText: t(lang, key('actions.staff.disable')) })
      .filter({ hasText: endReason })
      .first();
    await expect(disableRow).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page, `audit trail with a saved view (${lang})`);

    // Staff read by name: the actor by full name, the member the change concerns too.
    await expect(disableRow).toContainText(
      `${staffMember(SUPERVISOR[lang]).fullName} · ${t(lang, 'app.roles.supervisor')}`,
    );
    await expect(disableRow).toContainText(
      t(lang, key('target_named'), { type: t(lang, key('target_types.staff')), name: 'Lee Leaver' }),
    );

    // "One agent's actions" asks whose, then shows that member's rows alone; chosen again, it clears.
    const oneAgent = page.getByRole('button', { name: t(lang, key('agent_view.button')), exact: true });
    await oneAgent.click();
    const dialog = page.getByRole('dialog', { name: t(lang, key('agent_view.title')) });
    await dialog.getByLabel(t(lang, key('agent_view.staff'))).fill(SUPERVISOR[lang]);
    await page.getByRole('option', { name: new RegExp(`\\(${SUPERVISOR[lang]}\\)$`) }).click();
    await dialog.getByRole('button', { name: t(lang, key('agent_view.show')) }).click();
    await expect(dialog).toBeHidden();
    const on = page.getByRole('button', {
      name: t(lang, key('agent_view.on'), { name: staffMember(SUPERVISOR[lang]).fullName }),
      exact: true,
    });
    await expect(on).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/actorId/);
    await expect(disableRow).toBeVisible();
    const rows = page.locator('tbody tr');
    const actor = `${staffMember(SUPERVISOR[lang]).fullName} · ${t(lang, 'app.roles.supervisor')}`;
    await expect(rows.filter({ hasNotText: actor })).toHaveCount(0);
    expect(await rows.count()).toBeGreaterThan(1);
    await expectAccessible(page, `audit trail, one agent's actions (${lang})`);
    await page.screenshot({ path: test.info().outputPath(`audit-one-agent-${lang}.png`) });
    // The whole trail fits the 1440 px screen: no sideways page scroll hiding Export or the reason.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await expect(page.getByRole('button', { name: t(lang, key('export.button')) })).toBeInViewport();
    await view('staff_changes').click();
    await expect(on).toHaveCount(0);

    await disableRow.click();
    await expect(page).toHaveURL(/#\/audit-events\/\d+\/show/);
    const diff = page.getByTestId('audit-diff');
    const row = diff.getByRole('row').filter({ hasText: t(lang, key('diff.fields.disabled')) });
    await expect(row.getByRole('cell')).toHaveText([
      t(lang, key('diff.fields.disabled')),
      t(lang, 'ra.boolean.false'),
      t(lang, 'ra.boolean.true'),
    ]);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page, `audit event diff (${lang})`);
  });
}
