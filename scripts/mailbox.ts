import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intOption, parseCli, runCli } from './lib/cli';
import { decodeEmailBody, emailHeader } from './lib/emailDecode';

const USAGE = `
Usage: npm run mailbox -- [options]

Lists the latest messages the server wrote to the mailbox folder (used when SMTP_URL / SMS_WEBHOOK_URL
are not set), newest first, decoded: recipient, time, subject and text, so a reset link or a code is
readable. For development and demos: the folder holds what customers would receive.

Options:
  --dir DIR     mailbox folder (default: $MAILBOX_DIR or data/mailbox)
  --limit N     how many messages (default 5)
  -h, --help    show this help
`;

const OPTIONS = { dir: { type: 'string' }, limit: { type: 'string' } } as const;

type Entry = { file: string; at: number };

function readable(path: string): string {
  const raw = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const sms = JSON.parse(raw) as { to?: string; body?: string; at?: string | number };
    return [`SMS to ${sms.to}  ${new Date(sms.at ?? 0).toISOString()}`, `  ${sms.body}`].join('\n');
  }
  const body = decodeEmailBody(raw).trim().split(/\r?\n/);
  return [
    `Email to ${emailHeader(raw, 'to')}  ${emailHeader(raw, 'date') ?? ''}`,
    `  Subject: ${emailHeader(raw, 'subject') ?? ''}`,
    ...body.map((line) => `  ${line}`),
  ].join('\n');
}

runCli(USAGE, () => {
  const { values } = parseCli(USAGE, OPTIONS);
  const dir = resolve(values.dir ?? (process.env.MAILBOX_DIR || 'data/mailbox'));
  const limit = intOption(values.limit, 'limit', 5, { max: 1000 });
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml') || n.endsWith('.json'));
  } catch {
    process.stdout.write(`No mailbox folder at ${dir} yet: no message has been delivered there.\n`);
    return 0;
  }
  const latest: Entry[] = names
    .map((n) => ({ file: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
  if (!latest.length) process.stdout.write(`The mailbox folder ${dir} is empty.\n`);
  for (const entry of latest) process.stdout.write(`${readable(entry.file)}\n  (${entry.file})\n\n`);
  return 0;
});
