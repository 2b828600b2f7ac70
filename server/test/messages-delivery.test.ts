import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { inTransaction } from '../src/db/client';
import { firstRow } from '../src/db/rows';
import { type Account, messages } from '../src/db/tables';
import { createLogger } from '../src/http/logger';
import { deliverDueMessages, kickDelivery, LEASE_MS, MAX_ATTEMPTS } from '../src/messages/delivery';
import { claimDueMessages } from '../src/messages/messageRepo';
import { enqueueMessage } from '../src/messages/outbox';
import type { TemplateName } from '../src/messages/templates';
import { type Transports, transportsFromConfig } from '../src/messages/transports';
import { createAccount } from './factories/accounts';
import { makeTestApp, type TestApp } from './harness';
import { mailText, startSmsGateway, startSmtpSink } from './messages-sinks';

let t: TestApp;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await t.close();
});

function app(config: Partial<Config> = {}) {
  t = makeTestApp(config);
  return t;
}

function queue(
  account: Account,
  channel: 'email' | 'sms',
  template: TemplateName,
  vars: Record<string, string>,
) {
  return inTransaction(t.deps.db, async (tx) =>
    enqueueMessage(tx, { account, channel, template, vars, sealKey: t.deps.keys.messageKey }, t.deps.now()),
  );
}

const row = async (id: number) =>
  (await firstRow(t.deps.db.select().from(messages).where(eq(messages.id, id)).limit(1)))!;
const deliver = (transports?: Transports) =>
  deliverDueMessages(t.deps, transports ?? transportsFromConfig(t.deps.config, t.deps.now));

async function smtp() {
  const sink = await startSmtpSink();
  cleanups.push(sink.close);
  return sink;
}

describe('outbox delivery', () => {
  it('when SMTP_URL is set, then the email goes through a real SMTP conversation to the registered address', async () => {
    const sink = await smtp();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t, { country: 'GB', phone: '+447700900123' });
    const id = await queue(account, 'email', 'verification_code', { code: '482913' });
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.rcptTo).toEqual([account.email]);
    const text = mailText(sink.received[0]!.raw);
    expect(text).toContain('482913');
    expect(text).toContain('From: OKPay Support <no-reply@okpay.example>');
    expect(await row(id)).toMatchObject({
      status: 'sent',
      sentAt: t.deps.now(),
      attempts: 1,
      lastError: null,
    });
  });

  it('when the customer is in China, then the email arrives in 简体中文 with an encoded UTF-8 subject', async () => {
    const sink = await smtp();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t, { country: 'CN', fullName: '王小明' });
    const id = await queue(account, 'email', 'verification_code', { code: '135790' });
    await deliver();
    const text = mailText(sink.received[0]!.raw);
    expect(text).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(text).toContain('王小明，您好');
    expect(text).toContain('验证码是 135790');
    expect(await row(id)).toMatchObject({ status: 'sent', language: 'zh' });
  });

  it('when the SMTP server rejects the data, then the message is failed with the reason and a retry in 30 s, and goes out on the retry', async () => {
    const sink = await smtp();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t, { country: 'GB' });
    const link = 'http://localhost:3000/wallet/reset-password?token=abc_DEF-123';
    const id = await queue(account, 'email', 'password_reset_link', { link });
    sink.mode.reject = true;
    expect(await deliver()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: t.deps.now() + 30_000 });
    expect(failed.lastError).toMatch(/Mailbox temporarily full/);
    expect(failed.lastError).not.toContain(account.email);

    sink.mode.reject = false;
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.advance(30_000);
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailText(sink.received[0]!.raw)).toContain(link);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('when the server echoes the recipient in its refusal, then lastError keeps the reason but not the address', async () => {
    const sink = await smtp();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t);
    const id = await queue(account, 'email', 'account_unlocked', {});
    sink.mode.rejectRecipient = true;
    await deliver();
    const error = (await row(id)).lastError!;
    expect(error).toMatch(/unavailable/);
    expect(error).not.toContain(account.email);
    expect(error.length).toBeLessThanOrEqual(200);
  });

  it('when the SMTP port is closed, then attempt 1 fails with a connection error and the message is kept', async () => {
    const sink = await smtp();
    await sink.close();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t);
    const id = await queue(account, 'email', 'account_unlocked', {});
    await deliver();
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      nextAttemptAt: t.deps.now() + 30_000,
    });
    expect((await row(id)).lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it('when every attempt fails, then the waits grow and after 8 attempts the message is failed but still kept', async () => {
    app();
    const { account } = await createAccount(t);
    const id = await queue(account, 'email', 'account_unlocked', {});
    const broken: Transports = {
      email: async () => {
        throw new Error('gateway down');
      },
      sms: async () => undefined,
    };
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliver(broken);
      const r = await row(id);
      expect(r.attempts).toBe(attempt);
      if (r.nextAttemptAt === null) break;
      waits.push(r.nextAttemptAt - t.deps.now());
      t.advance(r.nextAttemptAt - t.deps.now());
    }
    expect(waits.slice(0, 4)).toEqual([30_000, 120_000, 600_000, 3_600_000]);
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: 'gateway down',
    });
  });

  it('when a worker dies after claiming a message, then it is not lost: it is sent once the lease runs out', async () => {
    app();
    const { account } = await createAccount(t);
    const id = await queue(account, 'sms', 'verification_code', { code: '111222' });
    expect(await claimDueMessages(t.deps.db, t.deps.now(), 10, LEASE_MS)).toHaveLength(1);
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.advance(LEASE_MS);
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when two workers claim at the same moment, then each due message goes to exactly one of them', async () => {
    app();
    const { account } = await createAccount(t);
    const queued: number[] = [];
    for (let i = 0; i < 30; i++)
      queued.push(await queue(account, 'sms', 'verification_code', { code: `${100000 + i}` }));
    // On PostgreSQL the two claims run on two pool connections at once (FOR UPDATE SKIP LOCKED); on
    // SQLite they take turns on the write lock. Either way no message is leased twice.
    const [a, b] = await Promise.all([
      claimDueMessages(t.deps.db, t.deps.now(), 20, LEASE_MS),
      claimDueMessages(t.deps.db, t.deps.now(), 20, LEASE_MS),
    ]);
    const claimed = [...a, ...b].map((m) => m.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort((x, y) => x - y)).toEqual(queued.slice(0, claimed.length));
    expect(claimed.length).toBe(30);
    expect([...a, ...b].every((m) => m.attempts === 1)).toBe(true);
  });

  it('when SMS_WEBHOOK_URL is set, then the SMS is POSTed as {to, body}; a 500 answer is a failed attempt', async () => {
    const gateway = await startSmsGateway();
    cleanups.push(gateway.close);
    app({ SMS_WEBHOOK_URL: gateway.url });
    const { account } = await createAccount(t);
    const id = await queue(account, 'sms', 'verification_code', { code: '907311' });
    gateway.reply.status = 500;
    await deliver();
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'SMS gateway answered HTTP 500',
    });
    gateway.reply.status = 200;
    t.advance(30_000);
    await deliver();
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]!.to).toBe(account.phone);
    expect(gateway.received[0]!.body).toContain('907311');
    expect((await row(id)).status).toBe('sent');
  });

  it('when no transport is configured, then emails become .eml files and SMS .json files in MAILBOX_DIR', async () => {
    app();
    const { account } = await createAccount(t, { country: 'CN' });
    const mailId = await queue(account, 'email', 'verification_code', { code: '654321' });
    const smsId = await queue(account, 'sms', 'verification_code', { code: '123987' });
    await deliver();
    const dir = t.deps.config.MAILBOX_DIR;
    expect(readdirSync(dir).sort()).toEqual([
      `${mailId}-verification_code.eml`,
      `${smsId}-verification_code.json`,
    ]);
    const eml = readFileSync(join(dir, `${mailId}-verification_code.eml`), 'utf8');
    expect(eml).toMatch(new RegExp(`^To: ${account.email}$`, 'm'));
    expect(eml).toMatch(/^Subject: /m);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    const sms = JSON.parse(readFileSync(join(dir, `${smsId}-verification_code.json`), 'utf8'));
    expect(Object.keys(sms).sort()).toEqual(['at', 'body', 'to']);
    expect(sms.to).toBe(account.phone);
    expect(sms.body).toContain('123987');
    expect(sms.body).toContain('验证码');
    expect(new Date(sms.at).getTime()).toBe(t.deps.now());
  });

  it('when only SMTP is configured, then email goes by SMTP and SMS still to the mailbox folder', async () => {
    const sink = await smtp();
    app({ SMTP_URL: sink.url });
    const { account } = await createAccount(t);
    await queue(account, 'email', 'devices_signed_out', {});
    const smsId = await queue(account, 'sms', 'devices_signed_out', {});
    expect(await deliver()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
    expect(readdirSync(t.deps.config.MAILBOX_DIR)).toEqual([`${smsId}-devices_signed_out.json`]);
  });

  it('when a domain kicks delivery after committing, then the message arrives without waiting for the timer', async () => {
    app();
    const { account } = await createAccount(t);
    const id = await queue(account, 'sms', 'verification_code', { code: '222333' });
    kickDelivery(t.deps);
    const file = join(t.deps.config.MAILBOX_DIR, `${id}-verification_code.json`);
    for (let i = 0; i < 100 && (await row(id)).status !== 'sent'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(file)).toBe(true);
    expect((await row(id)).status).toBe('sent');
  });

  it('when messages are delivered or fail, then the logs name id, template and status, never the recipient or body', async () => {
    app();
    const lines: string[] = [];
    const deps = { ...t.deps, logger: createLogger('debug', (l) => lines.push(l)) };
    const { account } = await createAccount(t);
    await queue(account, 'email', 'verification_code', { code: '777888' });
    await queue(account, 'sms', 'verification_code', { code: '999000' });
    await deliverDueMessages(deps, {
      email: async () => undefined,
      sms: async () => {
        throw new Error(`cannot reach ${account.phone}`);
      },
    });
    expect(lines).toHaveLength(2);
    const log = lines.join('\n');
    expect(log).toContain('"template":"verification_code"');
    expect(log).toContain('"status":"sent"');
    for (const secret of [account.email, account.phone, '777888', '999000'])
      expect(log).not.toContain(secret);
    expect((await t.deps.db.select().from(messages)).map((m) => m.lastError)).toContain(
      'cannot reach <recipient>',
    );
  });
});
