import type Database from 'better-sqlite3';
import session from 'express-session';

type Row = { data: string; expires_at: number };

/**
 * `rolling` asks the store to push a session's idle deadline on every request: a write per GET. The
 * stored deadline only needs to move when it has drifted by this much, so a session costs at most one
 * write a minute (its idle timeout is then honoured to within a minute).
 */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_REMEMBERED = 50_000;

/** express-session store in the app's own SQLite file (table `sessions`), so sessions survive restarts. */
export class SqliteSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly destroyStmt;
  private readonly touchStmt;
  private readonly pruneStmt;
  private writes = 0;
  /** The deadline last read or written per session id, so touch() can skip writes that change nothing much. */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    sqlite: Database.Database,
    private readonly idleMs: number,
  ) {
    super();
    this.getStmt = sqlite.prepare<[string], Row>('SELECT data, expires_at FROM sessions WHERE sid = ?');
    this.setStmt = sqlite.prepare(
      'INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
    );
    this.destroyStmt = sqlite.prepare('DELETE FROM sessions WHERE sid = ?');
    this.touchStmt = sqlite.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?');
    this.pruneStmt = sqlite.prepare('DELETE FROM sessions WHERE expires_at < ?');
  }

  private expiry(sess: session.SessionData): number {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : 0;
    return cookieExpiry || Date.now() + this.idleMs;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void) {
    try {
      const row = this.getStmt.get(sid);
      if (!row || row.expires_at < Date.now()) return cb(null, null);
      this.remember(sid, row.expires_at);
      cb(null, JSON.parse(row.data) as session.SessionData);
    } catch (error) {
      cb(error);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    try {
      const expiry = this.expiry(sess);
      this.setStmt.run(sid, JSON.stringify(sess), expiry);
      this.remember(sid, expiry);
      // Expired rows are swept now and then rather than on a timer, so tests and CLIs leave no handles open.
      if (++this.writes % 100 === 0) this.pruneStmt.run(Date.now());
      cb?.();
    } catch (error) {
      cb?.(error);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void) {
    try {
      this.destroyStmt.run(sid);
      this.storedExpiry.delete(sid);
      cb?.();
    } catch (error) {
      cb?.(error);
    }
  }

  private remember(sid: string, expiry: number) {
    // A bound, not an LRU: forgetting only costs one extra write for that session.
    if (this.storedExpiry.size >= MAX_REMEMBERED) this.storedExpiry.clear();
    this.storedExpiry.set(sid, expiry);
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    try {
      const expiry = this.expiry(sess);
      const stored = this.storedExpiry.get(sid);
      if (stored === undefined || expiry - stored >= TOUCH_INTERVAL_MS) {
        this.touchStmt.run(expiry, sid);
        this.remember(sid, expiry);
      }
      cb?.();
    } catch (error) {
      cb?.(error);
    }
  }
}
