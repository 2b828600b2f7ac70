import { eq } from 'drizzle-orm';
import type session from 'express-session';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, staff } from '../src/db/tables';
import { DatabaseSessionStore, TOUCH_INTERVAL_MS } from '../src/staff/sessionStore';
import { makeTestApp, signedIn, type TestApp } from './harness';

/** A read must not cost a write: the session's idle deadline is stored at most once a minute. */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const storedExpiries = async () =>
  (await t.deps.db.select({ e: sessions.expiresAt }).from(sessions).orderBy(sessions.sid)).map((r) => r.e);

const sessionWith = (expiresInMs: number) =>
  ({
    cookie: { expires: new Date(Date.now() + expiresInMs), originalMaxAge: expiresInMs },
  }) as unknown as session.SessionData;

describe('per-request session cost', () => {
  it('when a signed-in member makes several reads in a row, then the session row is not rewritten', async () => {
    const sup = await signedIn(t, 'supervisor');
    const before = await storedExpiries();
    expect(before).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      const res = await sup.get('/api/auth/me');
      expect(res.status).toBe(200);
      // The cookie still rolls: the browser gets a fresh idle deadline each time.
      expect(res.headers['set-cookie']?.[0]).toMatch(/^rd\.sid=/);
    }
    expect(await storedExpiries()).toEqual(before);
  });

  it('when the deadline has moved by a minute or more, then touch stores it; by less, it does not', () => {
    const store = new DatabaseSessionStore(t.deps.db, 30 * 60_000);
    const set = (sess: session.SessionData) => new Promise<void>((r) => store.set('s1', sess, () => r()));
    const touch = (sess: session.SessionData) => new Promise<void>((r) => store.touch('s1', sess, () => r()));
    return (async () => {
      await set(sessionWith(30 * 60_000));
      const first = (await storedExpiries())[0]!;
      await touch(sessionWith(30 * 60_000 + TOUCH_INTERVAL_MS / 2));
      expect((await storedExpiries())[0]).toBe(first);
      await touch(sessionWith(30 * 60_000 + TOUCH_INTERVAL_MS + 1_000));
      expect((await storedExpiries())[0]!).toBeGreaterThanOrEqual(first + TOUCH_INTERVAL_MS);
    })();
  });

  it('when a member is disabled, then their live session stops at the next request (identity is not cached across requests)', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    await t.deps.db.update(staff).set({ disabled: true }).where(eq(staff.id, agent.member.id));
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });
});
