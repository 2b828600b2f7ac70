import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/client';
import { firstRow } from '../src/db/rows';
import { messages } from '../src/db/tables';
import { enqueueMessage, languageFor } from '../src/messages/outbox';
import { renderTemplate, TEMPLATE_NAMES, type TemplateName } from '../src/messages/templates';
import { createAccount } from './factories/accounts';
import { makeTestApp, type TestApp } from './harness';

const VARS: Record<TemplateName, Record<string, string>> = {
  verification_code: { code: '314159' },
  password_reset_link: { link: 'https://okpay.example/wallet/reset-password?token=T1' },
  password_reset_code: { code: '271828' },
  device_signed_out: { device: 'iPad Air' },
  self_service_reset_link: { link: 'https://okpay.example/wallet/reset-password?token=T3' },
  account_unlocked: {},
  account_held: {},
  account_held_for_review: {},
  devices_signed_out: {},
  password_changed: {},
  email_change_confirm: { link: 'https://okpay.example/wallet/confirm-email?token=T2' },
  email_change_notice_old: {
    revertLink: 'https://okpay.example/wallet/revert-email?token=T3',
    newEmailMasked: 'n***w@e**.com',
  },
  email_change_completed: {},
  email_change_done_old: { newEmailMasked: 'n***w@e**.com' },
  email_change_cancelled: {},
  two_factor_reset: {},
  account_activity: { events: '- 2026-12-01 10:00 UTC unlocked your account' },
};

const HAN = /\p{Script=Han}/u;

describe('message templates', () => {
  it('when every template is rendered in both languages and channels, then the text is final and carries its values', () => {
    expect(TEMPLATE_NAMES.sort()).toEqual(Object.keys(VARS).sort());
    for (const template of TEMPLATE_NAMES) {
      for (const language of ['en', 'zh'] as const) {
        for (const channel of ['email', 'sms'] as const) {
          const { subject, body } = renderTemplate(template, language, channel, {
            name: 'Ana',
            ...VARS[template],
          });
          expect(subject.length).toBeGreaterThan(5);
          for (const value of Object.values(VARS[template])) expect(body).toContain(value);
          expect(body).not.toMatch(/undefined|\$\{/);
          expect(HAN.test(body)).toBe(language === 'zh');
          if (channel === 'sms') {
            const withoutValues = Object.values(VARS[template]).reduce((b, v) => b.replace(v, ''), body);
            expect(withoutValues.length).toBeLessThanOrEqual(language === 'zh' ? 70 : 100);
          } else {
            expect(body).toContain('Ana');
          }
        }
      }
    }
  });

  it('when a required value is missing, then rendering throws instead of sending a broken message', () => {
    expect(() => renderTemplate('verification_code', 'en', 'sms', { name: 'Ana' })).toThrow(/code/);
    expect(() => renderTemplate('email_change_notice_old', 'zh', 'email', { revertLink: 'x' })).toThrow(
      /newEmailMasked/,
    );
    expect(() => renderTemplate('nope' as TemplateName, 'en', 'email', {})).toThrow(/Unknown/);
  });

  it('when the country is Chinese-speaking, then the language is zh, otherwise en', () => {
    expect(['CN', 'HK', 'TW', 'MO'].map(languageFor)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['US', 'GB', 'SG', 'ES'].map(languageFor)).toEqual(['en', 'en', 'en', 'en']);
  });
});

describe('enqueueMessage', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  it('when a message is queued, then the row holds the rendered text, a masked recipient and is due now', async () => {
    const { account } = await createAccount(t, { country: 'ES', fullName: 'José Núñez' });
    const id = await inTransaction(t.deps.db, async (tx) =>
      enqueueMessage(tx, { account, channel: 'email', template: 'account_unlocked' }, 5000),
    );
    const row = (await firstRow(t.deps.db.select().from(messages).limit(1)))!;
    expect(row).toMatchObject({
      id,
      recipient: account.email,
      language: 'en',
      status: 'queued',
      attempts: 0,
      nextAttemptAt: 5000,
      subject: 'Your OKPay account is unlocked',
    });
    expect(row.recipientMasked).not.toContain(account.email.split('@')[0]);
    expect(row.body).toContain('Hello José Núñez,');
  });

  it('when the template cannot be rendered, then the caller’s transaction rolls back', async () => {
    const { account } = await createAccount(t);
    await expect(
      inTransaction(t.deps.db, async (tx) => {
        await enqueueMessage(tx, { account, channel: 'sms', template: 'account_held' }, 1);
        await enqueueMessage(tx, { account, channel: 'sms', template: 'verification_code' }, 1);
      }),
    ).rejects.toThrow();
    expect(await t.deps.db.select().from(messages)).toHaveLength(0);
  });
});
