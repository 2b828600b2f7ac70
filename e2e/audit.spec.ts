import { readFileSync } from 'node:fs';
import type { Page, PlaywrightWorkerArgs } from '@playwright/test';
import { CSV_COLUMNS } from '../server/src/audit/csv';
import { expect as baseExpect, expectAccessible, type Lang, t, test } from './fixtures';
import { E2E_PASSWORD, type E2EUsername, staffMember } from './staff';

/** docs/design.md, Journeys, Supervisor: reviews the audit trail by agent / action / time, verifies it is intact, exports it. */

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

// The CSV speaks the console's language (docs/design.md, Readable trail): its header is the translated columns.
const csvHeader = (lang: Lang) =>
  CSV_COLUMNS.map((c) => t(lang, `resources.audit-events.csv.columns.${c}`)).join(',');

// Each language signs in a different supervisor, so each run finds its own sign-in row.
const SUPERVISOR: Record<Lang, E2EUsername> = { en: 'supervisor', zh: 'supervisor2' };
const AGENT: Record<Lang, E2EUsername> = { en: 'agent', zh: 'agent2' };
// The agent who probes the API; no other spec makes agent2 call a supervisors' route.
const PROBING_AGENT: E2EUsername = 'agent2';

const key = (suffix: string) => `resources.audit-events.${suffix}`;

/** "Full Name · Role", as the actor column shows it. */
const actorText = (lang: Lang, username: E2EUsername) =>
  `${staffMember(username).fullName} · ${t(lang, `app.roles.${staffMember(username).role}`)}`;

/** An agent, outside the console, asks the server for the audit trail: refused (403) and recorded as access.denied. */
async function agentProbesAuditTrail(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  agent: string,
) {
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  try {
    const login = await api.post('/api/auth/login', { data: { username: agent, password: E2E_PASSWORD } });
    expect(login.status()).toBe(200);
    expect((await api.get('/api/audit-events')).status()).toBe(403);
  } finally {
    await api.dispose();
  }
}

/** The Action column's header (its accessible name is the sort hint, so match its text). */
const actionHeader = (page: Page, lang: Lang) =>
  page.getByRole('columnheader').filter({ hasText: new RegExp(`^${t(lang, key('fields.action'))}$`) });

async function openAuditTrailWithKeyboard(page: Page, lang: Lang) {
  const item = page.getByRole('menuitem', { name: t(lang, key('name')) });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/audit-events/);
  await expect(actionHeader(page, lang)).toBeVisible();
}

/** axe reads the page once loading is over (react-admin's spinner has no accessible name while it turns). */
async function expectAccessibleWhenLoaded(page: Page, where: string) {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(page, where);
}

async function chooseOutcome(page: Page, lang: Lang, outcome: 'denied') {
  await page.getByRole('combobox', { name: t(lang, key('fields.outcome')), exact: true }).click();
  await page.getByRole('option', { name: t(lang, key(`outcomes.${outcome}`)), exact: true }).click();
  await expect(page).toHaveURL(/outcome/);
}

/** "Chain intact: %{count} rows checked" with any count. */
const intactPattern = (lang: Lang) =>
  new RegExp(
    t(lang, key('verify.intact'), { count: '\u0000' })
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('\u0000', '\\d+'),
  );

for (const lang of ['en', 'zh'] as const) {
  test(`when a supervisor reviews the audit trail, then they see their sign-in, find an agent's denied access, open it, verify the chain and export (${lang})`, async ({
    page,
    playwright,
    baseURL,
    signIn,
  }) => {
    const supervisor = SUPERVISOR[lang];
    await agentProbesAuditTrail(playwright, baseURL ?? '', PROBING_AGENT);

    await signIn(page, supervisor, lang);
    const failedCalls: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 400) failedCalls.push(`${r.status()} ${r.url()}`);
    });
    await openAuditTrailWithKeyboard(page, lang);
    const ownSignIn = page
      .getByRole('row')
      .filter({ hasText: t(lang, key('actions.staff.sign_in')) })
      .filter({ hasText: actorText(lang, supervisor) });
    await expect(ownSignIn.first()).toBeVisible();
    await expectAccessibleWhenLoaded(page, `audit trail list (${lang})`);

    await chooseOutcome(page, lang, 'denied');
    const deniedRow = page
      .getByRole('row')
      .filter({ hasText: t(lang, key('actions.access.denied')) })
      .filter({ hasText: actorText(lang, PROBING_AGENT) })
      .first();
    await expect(deniedRow).toBeVisible();
    const successText = t(lang, key('outcomes.success'));
    await expect(page.getByRole('row').filter({ hasText: successText })).toHaveCount(0);

    await deniedRow.click();
    await expect(page).toHaveURL(/#\/audit-events\/\d+\/show/);
    const details = page.getByTestId('audit-details');
    await expect(details).toContainText('"route": "/api/audit-events"');
    await expect(page.getByText(t(lang, key('outcomes.denied')), { exact: true })).toBeVisible();
    await expect(page.getByText(/^[0-9a-f]{64}$/).first()).toHaveCSS('font-family', /monospace/);
    await expectAccessibleWhenLoaded(page, `audit event (${lang})`);

    await page.goBack();
    await expect(deniedRow).toBeVisible();
    await page.getByRole('button', { name: t(lang, key('verify.button')) }).click();
    const verdict = page.getByTestId('audit-verify-result');
    await expect(verdict).toHaveAttribute('data-ok', 'true');
    await expect(verdict).toHaveText(intactPattern(lang));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: t(lang, key('export.button')) }).click();
    const csv = readFileSync(await (await download).path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toBe(csvHeader(lang));
    expect(csv.length).toBeGreaterThan(1);
    // The export follows the list's filter: only denied rows.
    for (const line of csv.slice(1)) expect(line).toContain(`,${t(lang, key('outcomes.denied'))},`);
    expect(failedCalls, 'the console asked the API for something it refuses').toEqual([]);

    // From/To are typed in local time and filter on UTC ms: nothing in the trail happened after 2099.
    await page.getByRole('button', { name: t(lang, 'ra.action.add_filter') }).click();
    await page.getByRole('menuitemcheckbox', { name: t(lang, key('filters.from')) }).click();
    await page.getByLabel(t(lang, key('filters.from'))).fill('2099-01-01T00:00');
    const from = new Date('2099-01-01T00:00').getTime();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`"from":${from}`);
    await expect(deniedRow).toHaveCount(0);
  });

  test(`when an agent signs in, then the audit trail is neither in the menu nor reachable by its address (${lang})`, async ({
    page,
    signIn,
  }) => {
    await signIn(page, AGENT[lang], lang);
    await expect(page.getByRole('menuitem', { name: t(lang, 'ra.page.dashboard') })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: t(lang, key('name')) })).toHaveCount(0);
    // The console must not even ask: a refused call is audited as a probe by this agent.
    const supervisorCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/(audit-events|staff)/.test(r.url())) supervisorCalls.push(r.url());
    });
    await page.goto('/#/audit-events');
    await expect(page.getByText(t(lang, 'ra.message.access_denied'))).toBeVisible();
    await page.goto('/#/audit-events/1/show');
    await expect(page).toHaveURL(/#\/access-denied/);
    await expect(page.getByText(t(lang, 'ra.message.access_denied'))).toBeVisible();
    expect(supervisorCalls).toEqual([]);
    await expect(actionHeader(page, lang)).toHaveCount(0);
  });
}
