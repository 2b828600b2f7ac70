import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What a real SMTP server received: envelope recipients and the raw RFC 822 text. */
export type ReceivedMail = { rcptTo: string[]; raw: string };

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps what it receives. `reject` makes the
 * DATA phase fail (a 4xx/5xx after the message was sent), `rejectRecipient` the RCPT TO phase;
 * `delayMs` holds each answer to DATA that long (a slow provider, so a delivery is caught mid-way).
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const mode = { reject: false, rejectRecipient: false, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mode.rejectRecipient) return callback(new Error(`Mailbox ${address.address} is unavailable`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (mode.reject) return callback(new Error('Mailbox temporarily full, try later'));
        setTimeout(() => {
          received.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        }, mode.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mode,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The readable text of a received single-part message: headers as they are, the body decoded. */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trimStart();
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return `${headers}\n\n${Buffer.from(body, 'base64').toString('utf8')}`;
  if (encoding !== 'quoted-printable') return raw;
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return `${headers}\n\n${Buffer.from(bytes).toString('utf8')}`;
}

/** An SMS gateway stand-in: keeps each JSON body it receives and answers `status`. */
export async function startSmsGateway() {
  const received: Array<{ to: string; body: string }> = [];
  const reply = { status: 200 };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (reply.status < 300) received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    reply,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
