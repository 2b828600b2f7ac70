import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

export const FROM_ADDRESS = 'OKPay Support <no-reply@okpay.example>';

export type OutgoingMessage = { id: number; template: string; to: string; subject: string; body: string };
/** Resolves once the message has been handed over; rejects (with a reason) when it was not. */
export type Transport = (message: OutgoingMessage) => Promise<void>;
export type Transports = { email: Transport; sms: Transport };

// Well below the outbox lease, so a hung server ends as a retry rather than a double send.
const NETWORK_TIMEOUT_MS = 30_000;

export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: NETWORK_TIMEOUT_MS,
    greetingTimeout: NETWORK_TIMEOUT_MS,
    socketTimeout: NETWORK_TIMEOUT_MS,
  });
  return async (m) => {
    await transporter.sendMail({ from: FROM_ADDRESS, to: m.to, subject: m.subject, text: m.body });
  };
}

/** An SMS gateway that takes `{to, body}` as JSON; anything but a 2xx is a failed delivery. */
export function smsWebhookTransport(url: string): Transport {
  return async (m) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: m.to, body: m.body }),
      signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
  };
}

const fileName = (m: OutgoingMessage, ext: string) =>
  `${m.id}-${m.template.replace(/[^a-z0-9_]/gi, '')}.${ext}`;

/** Written under a temporary name then renamed, so a reader never sees half a message. */
async function writeAtomically(dir: string, name: string, content: string | Buffer) {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${name}.tmp`);
  await writeFile(tmp, content);
  await rename(tmp, join(dir, name));
}

/** Development and demo delivery: each email a real RFC 822 `.eml` file in the mailbox folder. */
export function mailboxEmailTransport(dir: string): Transport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (m) => {
    const info = await composer.sendMail({ from: FROM_ADDRESS, to: m.to, subject: m.subject, text: m.body });
    await writeAtomically(resolve(dir), fileName(m, 'eml'), info.message as Buffer);
  };
}

/** Development and demo delivery: each SMS a `.json` file `{to, body, at}`. */
export function mailboxSmsTransport(dir: string, now: () => number): Transport {
  return async (m) => {
    const at = new Date(now()).toISOString();
    await writeAtomically(
      resolve(dir),
      fileName(m, 'json'),
      `${JSON.stringify({ to: m.to, body: m.body, at })}\n`,
    );
  };
}

/** Each channel on its own: SMTP_URL set and SMS_WEBHOOK_URL unset sends emails by SMTP and SMS to files. */
export function transportsFromConfig(config: Config, now: () => number): Transports {
  return {
    email: config.SMTP_URL ? smtpTransport(config.SMTP_URL) : mailboxEmailTransport(config.MAILBOX_DIR),
    sms: config.SMS_WEBHOOK_URL
      ? smsWebhookTransport(config.SMS_WEBHOOK_URL)
      : mailboxSmsTransport(config.MAILBOX_DIR, now),
  };
}
