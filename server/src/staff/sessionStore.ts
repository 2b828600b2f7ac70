import type Database from 'better-sqlite3';
import session from 'express-session';

type Row = { data: string; expires_at: number };

/** express-session store in the app's own SQLite file (table `sessions`), so sessions survive restarts. */
export class SqliteSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly destroyStmt;
  private readonly touchStmt;
  private readonly pruneStmt;
  private writes = 0;

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
      cb(null, JSON.parse(row.data) as session.SessionData);
    } catch (error) {
      cb(error);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    try {
      this.setStmt.run(sid, JSON.stringify(sess), this.expiry(sess));
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
      cb?.();
    } catch (error) {
      cb?.(error);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    try {
      this.touchStmt.run(this.expiry(sess), sid);
      cb?.();
    } catch (error) {
      cb?.(error);
    }
  }
}
