import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The text of a message that carries a link or a code, kept only encrypted until it is delivered
 * (docs/design.md, Messages): AES-256-GCM with the message key (keys.ts, a file beside the
 * database), the message's channel and recipient as associated data. Whoever reads the database
 * gets ciphertext; whoever writes it cannot send the sealed text to another address, since the
 * recipient is bound in and a changed one fails to open.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealBinding = { channel: string; recipient: string };

const associatedData = (b: SealBinding) => Buffer.from(`${b.channel}\0${b.recipient}`, 'utf8');

export function sealBody(key: Buffer, body: string, binding: SealBinding): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(binding));
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The sealed text; throws when the key is another one, the text was altered or the binding differs. */
export function openBody(key: Buffer, sealed: string, binding: SealBinding): string {
  const [version, payload = ''] = sealed.split('.');
  if (version !== VERSION) throw new Error(`unknown sealed body version ${version}`);
  const raw = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(associatedData(binding));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
