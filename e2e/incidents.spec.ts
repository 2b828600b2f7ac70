import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect as baseExpect, type Lang, t, test } from './fixtures';
import { staffPage } from './helpers/console';
import { createCustomer, walletLogin } from './helpers/customers';

/**
 * docs/design.md, Service status: a supervisor posts an incident in the console; the agent on another desk sees
 * it as a banner on every screen and as a hint on an account that failed to sign in during it; resolving it
 * takes the banner away. The run shares one server: the incident is resolved at the end, and the checks look
 * for this test's own title (the other language's test may have one open at the same time).
 */

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const CALLERS: Record<Lang, string> = { en: 'Ingrid Outage', zh: '赵停机' };

/** "2026-12-01T21:40": what a datetime-local input takes, in the browser's (and this process's) time zone. */
const localInput = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

type Accessible = (page: Page, where: string) => Promise<void>;

async function postIncident(
  page: Page,
  lang: Lang,
  titles: { en: string; zh: string },
  expectAccessible: Accessible,
) {
  await page.getByRole('menuitem', { name: t(lang, 'resources.incidents.name') }).click();
  await expect(page.getByRole('heading', { name: t(lang, 'resources.incidents.title') })).toBeVisible();
  await page.getByRole('link', { name: t(lang, 'ra.action.create') }).click();
  const field = (name: string) => page.getByLabel(t(lang, `resources.incidents.fields.${name}`));
  // Keyboard only, field after field.
  await field('titleEn').focus();
  await page.keyboard.type(titles.en);
  await page.keyboard.press('Tab');
  await expect(field('titleZh')).toBeFocused();
  await page.keyboard.type(titles.zh);
  await field('customerTextEn').fill('Text-message codes may arrive late. Please wait a few minutes.');
  await field('customerTextZh').fill('短信验证码可能延迟送达，请稍候几分钟。');
  const sms = page.getByRole('checkbox', { name: t(lang, 'resources.incidents.parts.sms'), exact: true });
  await sms.focus();
  await page.keyboard.press('Space');
  await expect(sms).toBeChecked();
  // An expected end before the start is refused before anything is sent.
  await field('expectedEndAt').fill(localInput(Date.now() - 3 * 3_600_000));
  await page.getByRole('button', { name: t(lang, 'ra.action.save') }).click();
  await expect(page.getByText(t(lang, 'resources.incidents.errors.expectedEndAt'))).toBeVisible();
  await field('expectedEndAt').fill(localInput(Date.now() + 2 * 3_600_000));
  await expectAccessible(page, `the incident form (${lang})`);
  await page.screenshot({ path: test.info().outputPath(`incident-form-${lang}.png`), fullPage: true });
  await page.getByRole('button', { name: t(lang, 'ra.action.save') }).click();
  await expect(page.getByText(t(lang, 'resources.incidents.saved'), { exact: true })).toBeVisible();
}

/** Whatever happened, this test's incident does not stay open for the rest of the run's specs. */
async function resolveIfOpen(page: Page, titleEn: string) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest' };
  const open = await page.request.get('/api/incidents?filter={"active":true}');
  if (!open.ok()) return;
  for (const incident of (await open.json()) as { id: number; titleEn: string }[]) {
    if (incident.titleEn !== titleEn) continue;
    await page.request.post(`/api/incidents/${incident.id}/resolve`, {
      headers,
      data: { reason: 'e2e clean-up' },
    });
  }
}

for (const lang of ['en', 'zh'] as const) {
  test(`when a supervisor posts an incident, then the agent sees the banner and the hint on an account that failed to sign in during it; resolving it ends the banner (${lang})`, async ({
    browser,
    page,
    signIn,
    expectAccessible,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const run = randomInt(1000, 10_000);
    const titles = { en: `SMS delays ${run}`, zh: `短信延迟 ${run}` };
    const title = titles[lang];
    await signIn(page, 'supervisor', lang);
    let agent: Awaited<ReturnType<typeof staffPage>> | undefined;
    try {
      await postIncident(page, lang, titles, expectAccessible);
      const row = page.getByRole('row').filter({ hasText: title });
      await expect(row).toContainText(t(lang, 'resources.incidents.states.active'));
      await expectAccessible(page, `service status list (${lang})`);

      agent = await staffPage(browser, signIn, 'agent', lang);
      // On the dashboard, and on another screen.
      const banner = agent.page.getByTestId('incident-banner').filter({ hasText: title });
      await expect(banner).toContainText(t(lang, 'resources.incidents.parts.sms'));
      await agent.page.getByRole('menuitem', { name: t(lang, 'resources.cases.name') }).click();
      await expect(banner).toBeVisible();
      await expectAccessible(agent.page, `the banner on the cases list (${lang})`);

      // The customer fails to sign in while it is going on; the agent opens the account.
      const customer = await createCustomer({ fullName: `${CALLERS[lang]} ${run}` });
      const ip = `198.51.100.${randomInt(1, 255)}`;
      expect(await walletLogin(agent.page.request, customer.e164, 'not-my-password', { ip })).toBe(401);
      await agent.page.goto(`/#/accounts/${customer.id}/show`);
      const hint = agent.page.getByTestId('incident-hint');
      await expect(hint).toContainText(t(lang, 'resources.incidents.hint.title'));
      await expect(hint).toContainText(title);
      await expect(banner).toBeVisible();
      await expectAccessible(agent.page, `the account with the incident hint (${lang})`);
      await agent.page.screenshot({
        path: test.info().outputPath(`incident-hint-${lang}.png`),
        fullPage: true,
      });

      // The status page's endpoint gives it to anyone, in both languages.
      const status = await (await agent.page.request.get('/api/status')).json();
      expect(status.incidents.map((i: { title: { zh: string } }) => i.title.zh)).toContain(titles.zh);

      // The supervisor resolves it from its page (a double click resolves it once).
      await page.getByRole('row').filter({ hasText: title }).click();
      await expect(page.getByLabel(t(lang, 'resources.incidents.fields.titleEn'))).toHaveValue(titles.en);
      const resolve = page.getByRole('button', {
        name: t(lang, 'resources.incidents.resolve.label'),
        exact: true,
      });
      await resolve.dblclick();
      await page.keyboard.type('SMS gateway delivers again');
      await page.keyboard.press('Enter');
      await expect(
        page.getByText(t(lang, 'resources.incidents.resolve.done'), { exact: true }),
      ).toBeVisible();
      await expect(resolve).toHaveCount(0);

      await agent.page.reload();
      await expect(agent.page.getByTestId('incident-hint')).toContainText(title);
      await expect(banner).toHaveCount(0);
    } finally {
      await agent?.close();
      await resolveIfOpen(page, titles.en);
    }
  });
}
