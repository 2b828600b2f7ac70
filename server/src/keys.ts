import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type Keys = {
  /** Signs the audit hash chain. */
  auditKey: Buffer;
  /** Keys the national-ID hash, so a stolen database cannot be matched against a list of IDs. */
  piiKey: Buffer;
  /** Signs session cookies. */
  sessionSecret: string;
  /**
   * AES-256-GCM key of the links and codes waiting in the outbox (messages/sealedBody.ts): a reader
   * of the database cannot redeem a queued reset link or code, and a delivered one is wiped.
   */
  messageKey: Buffer;
};

type KeyEnv = { AUDIT_KEY?: string; PII_KEY?: string; SESSION_SECRET?: string; MESSAGE_KEY?: string };

/**
 * Keys come from the environment or from files kept beside (never inside) the database, created
 * on first use with owner-only permissions: whoever can write the database still cannot forge
 * the audit chain or brute-force national IDs without the key file.
 */
export function loadKeys(dbFile: string, env: KeyEnv = process.env): Keys {
  return {
    auditKey: Buffer.from(env.AUDIT_KEY || keyFile(`${dbFile}.audit-key`)),
    piiKey: Buffer.from(env.PII_KEY || keyFile(`${dbFile}.pii-key`)),
    sessionSecret: env.SESSION_SECRET || keyFile(`${dbFile}.session-key`),
    // Whatever its length, the secret is stretched to the 32 bytes AES-256 takes.
    messageKey: createHash('sha256')
      .update(`message-key\0${env.MESSAGE_KEY || keyFile(`${dbFile}.message-key`)}`)
      .digest(),
  };
}

function keyFile(path: string): string {
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}
