import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps';
import { AppError } from './errors';
import { claimKey, findKey, releaseKey, type StoredKey, storeAnswer } from './idempotencyRepo';

/** docs/design.md "Idempotent creates": a repeat within this window gets the first answer. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60_000;
/** A first request still unanswered after this long died with its process: the key is free again. */
const ABANDONED_AFTER_MS = 60_000;
/** How long a repeat waits for the first request of the same key to finish in this process. */
const WAIT_FOR_FIRST_MS = 15_000;
const KEY_FORMAT = /^[\x21-\x7e]{8,128}$/;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Answers that carry a secret shown once (recovery codes, staff/enrolment.ts) are never kept, not even
 * sealed: those routes are once-only by their own compare-and-set, and a repeat is refused, not replayed.
 */
const SHOWN_ONCE = new Set(['/auth/enrolment/confirm', '/auth/recovery-codes']);

/** Answers that are not "the first answer" but a passing state: a repeat must run again. */
const notKept = (status: number) => status >= 500 || status === 429;

/** Stored answers may hold a revealed email or phone: encrypted with a key derived from the PII key. */
function answerCipher(piiKey: Buffer) {
  const key = createHmac('sha256', piiKey).update('idempotency-answers').digest();
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
    },
    open(stored: string): string {
      const [iv, tag, sealed] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Makes every staff POST that carries an Idempotency-Key idempotent: the first request runs and its
 * answer is kept; a repeat (same staff member, same key, same request) within the window gets that
 * answer again without reaching the handler, so it changes nothing and writes no audit row. A repeat
 * arriving while the first still runs waits for it. The same key on a different request is a 422.
 */
export function idempotentCreates(deps: Pick<AppDeps, 'db' | 'keys' | 'now' | 'logger'>): RequestHandler {
  const cipher = answerCipher(deps.keys.piiKey);
  const running = new Map<string, Promise<void>>();

  const replay = (res: Response, row: StoredKey) => {
    res.set(REPLAYED_HEADER, 'true');
    res.status(row.status!);
    if (row.answer === null) res.end();
    else res.type('application/json').send(cipher.open(row.answer));
  };

  return async (req, res, next) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (req.method !== 'POST' || key === undefined || !req.user || SHOWN_ONCE.has(req.path)) return next();
    if (!KEY_FORMAT.test(key)) {
      return next(AppError.field(IDEMPOTENCY_HEADER, 'must be 8 to 128 visible ASCII characters'));
    }
    const staffId = req.user.id;
    const fingerprint = createHash('sha256')
      .update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const runningKey = `${staffId}:${key}`;

    for (let attempt = 0; ; attempt++) {
      const now = deps.now();
      if (await claimKey(deps.db, { staffId, key, fingerprint, at: now }, now - IDEMPOTENCY_WINDOW_MS)) break;
      const row = await findKey(deps.db, staffId, key);
      if (!row) continue; // released between the two statements: claim again
      if (row.fingerprint !== fingerprint) {
        return next(
          new AppError(422, 'This Idempotency-Key was already used for a different request', {
            code: 'idempotency_key_reused',
          }),
        );
      }
      if (row.status !== null) return replay(res, row);
      const first = running.get(runningKey);
      if (first && attempt < 3) {
        await Promise.race([first, new Promise((r) => setTimeout(r, WAIT_FOR_FIRST_MS))]);
        continue;
      }
      if (now - row.createdAt > ABANDONED_AFTER_MS) {
        await releaseKey(deps.db, row.id);
        continue;
      }
      return next(
        AppError.conflict('The same request is still running: wait for its answer', {
          code: 'idempotency_in_progress',
        }),
      );
    }

    const claimed = (await findKey(deps.db, staffId, key))!;
    let settle!: () => void;
    running.set(
      runningKey,
      new Promise<void>((resolve) => {
        settle = resolve;
      }),
    );
    let kept: Promise<void> | undefined;
    const finish = (status: number, answer: string | null): Promise<void> => {
      if (kept !== undefined) return kept;
      const keep = notKept(status)
        ? releaseKey(deps.db, claimed.id)
        : storeAnswer(deps.db, claimed.id, status, answer === null ? null : cipher.seal(answer));
      kept = keep
        .catch((error: unknown) => deps.logger.error('idempotency key not kept', { error: String(error) }))
        .finally(() => {
          running.delete(runningKey);
          settle();
        });
      return kept;
    };
    // The answer is kept before it is sent: a repeat the client sends the moment it has the answer (to
    // this instance or another) finds it stored, never "still running".
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      void finish(res.statusCode, JSON.stringify(body))
        .then(() => json(body))
        .catch((error: unknown) => deps.logger.error('idempotent answer not sent', { error: String(error) }));
      return res;
    };
    res.on('finish', () => void finish(res.statusCode, null));
    res.on('close', () => void finish(res.headersSent ? res.statusCode : 500, null));
    next();
  };
}
