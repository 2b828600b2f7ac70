import session from 'express-session';
import type { Db } from '../db/client';
import { rawGet, rawRun } from '../db/rows';

type Row = { data: string; expires_at: number };

/**
 * `rolling` asks the store to push a session's idle deadline on every request: a write per GET. The
 * stored deadline only needs to move when it has drifted by this much, so a session costs at most one
 * write a minute (its idle timeout is then honoured to within a minute).
 */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_REMEMBERED = 50_000;

const GET_SQL = 'SELECT data, expires_at FROM sessions WHERE sid = ?';
const SET_SQL =
  'INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at';
const DESTROY_SQL = 'DELETE FROM sessions WHERE sid = ?';
const TOUCH_SQL = 'UPDATE sessions SET expires_at = ? WHERE sid = ?';
const PRUNE_SQL = 'DELETE FROM sessions WHERE expires_at < ?';

/**
 * express-session store in the app's own database (table `sessions`), so sessions survive restarts and,
 * on PostgreSQL, any instance serves any staff member. The callback API express-session wants, over the
 * async raw helpers (db/rows.ts): the same statements on SQLite (prepared once per connection) and
 * PostgreSQL. The remembered deadlines below only save writes; the row is always what is read.
 */
export class DatabaseSessionStore extends session.Store {
  private writes = 0;
  /** The deadline last read or written per session id, so touch() can skip writes that change nothing much. */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): number {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : 0;
    return cookieExpiry || Date.now() + this.idleMs;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void) {
    this.read(sid).then(
      (sess) => cb(null, sess),
      (error: unknown) => cb(error),
    );
  }

  private async read(sid: string): Promise<session.SessionData | null> {
    const row = await rawGet<Row>(this.db, GET_SQL, [sid]);
    if (!row || Number(row.expires_at) < Date.now()) return null;
    this.remember(sid, Number(row.expires_at));
    return JSON.parse(row.data) as session.SessionData;
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    settle(this.write(sid, sess), cb);
  }

  private async write(sid: string, sess: session.SessionData) {
    const expiry = this.expiry(sess);
    await rawRun(this.db, SET_SQL, [sid, JSON.stringify(sess), expiry]);
    this.remember(sid, expiry);
    // Expired rows are swept now and then rather than on a timer, so tests and CLIs leave no handles open.
    if (++this.writes % 100 === 0) await rawRun(this.db, PRUNE_SQL, [Date.now()]);
  }

  override destroy(sid: string, cb?: (err?: unknown) => void) {
    settle(this.remove(sid), cb);
  }

  private async remove(sid: string) {
    await rawRun(this.db, DESTROY_SQL, [sid]);
    this.storedExpiry.delete(sid);
  }

  private remember(sid: string, expiry: number) {
    // A bound, not an LRU: forgetting only costs one extra write for that session.
    if (this.storedExpiry.size >= MAX_REMEMBERED) this.storedExpiry.clear();
    this.storedExpiry.set(sid, expiry);
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    settle(this.refresh(sid, sess), cb);
  }

  private async refresh(sid: string, sess: session.SessionData) {
    const expiry = this.expiry(sess);
    const stored = this.storedExpiry.get(sid);
    if (stored === undefined || expiry - stored >= TOUCH_INTERVAL_MS) {
      await rawRun(this.db, TOUCH_SQL, [expiry, sid]);
      this.remember(sid, expiry);
    }
  }
}

/** express-session's callback for a store write: called once, with the error if the write failed. */
function settle(work: Promise<void>, cb?: (err?: unknown) => void) {
  work.then(
    () => cb?.(),
    (error: unknown) => cb?.(error),
  );
}
