import type { Page } from '@playwright/test';
import { totpCode } from '../../server/src/staff/totp';
import { expect as baseExpect, expectAccessible, type Lang, t } from '../fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

/** Screenshots beside the run's other results, to look at (GUIDE: both languages at 1440×900). */
export const shotPath = (name: string) =>
  `${process.env.E2E_OUTPUT_DIR ?? 'test-results'}/${name.replace(/[^\w-]+/g, '-')}.png`;

/**
 * The enrolment page a member without an authenticator is led to (docs/design.md, Staff TOTP enrolment),
 * done with the keyboard the way a person with an authenticator app would: the QR code is shown, the key is
 * read from the page (what they would type into the app), a code it computes is typed, the recovery codes
 * are read off. Answers the key and the codes.
 */
export async function enrolWithKeyboard(page: Page, lang: Lang, username: string, where: string) {
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'app.enrolment.heading') })).toBeVisible();
  await expect(page.getByRole('menuitem')).toHaveCount(0);
  await expect(page.getByRole('img', { name: t(lang, 'app.enrolment.qr_alt', { username }) })).toBeVisible();
  const secret = (await page.locator('[data-secret]').getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  // The key as shown is the key, in groups of four.
  await expect(page.getByLabel(t(lang, 'app.enrolment.secret_label'))).toHaveText(
    secret.replace(/(.{4})/g, '$1 ').trim(),
  );
  const code = page.getByLabel(t(lang, 'app.enrolment.code'));
  await expect(code).toBeFocused();
  await expectAccessible(page, `enrolment (${where})`);
  await page.screenshot({ path: shotPath(`enrolment-${where}`) });
  await page.keyboard.type(totpCode(secret, Date.now()));
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('heading', { level: 1, name: t(lang, 'app.enrolment.recovery.heading') }),
  ).toBeVisible();
  const list = page.getByRole('list', { name: t(lang, 'app.enrolment.recovery.list_label') });
  await expect(list).toBeFocused();
  const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  const go = page.getByRole('button', { name: t(lang, 'app.enrolment.recovery.continue') });
  await expect(go).toBeDisabled();
  await expectAccessible(page, `recovery codes (${where})`);
  await page.screenshot({ path: shotPath(`recovery-codes-${where}`) });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: t(lang, 'app.enrolment.recovery.saved') })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(go).toBeFocused();
  await page.keyboard.press('Enter');
  return { secret, codes };
}
