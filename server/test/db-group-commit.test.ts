import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDb, type DbHandle, inTransaction, sqliteCommitStats } from '../src/db/client';
import { describeSqliteOnly } from './engine/testDatabase';

/**
 * docs/design.md, One write connection: bodies that run in one turn of the event loop share one COMMIT
 * (one fsync), each in its own savepoint; nobody is answered before the commit is on disk.
 */

let dir: string;
let h: DbHandle;
let reader: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rd-group-commit-'));
  h = createDb(join(dir, 'desk.db'), { migrate: false });
  h.sqlite.exec(
    'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL, parent_id INTEGER REFERENCES parent(id))',
  );
  // A second connection sees only what is committed.
  reader = new Database(join(dir, 'desk.db'), { readonly: true });
});
afterEach(() => {
  reader.close();
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

const committedBodies = () =>
  (reader.prepare('SELECT body FROM note ORDER BY id').all() as { body: string }[]).map((r) => r.body);
const insert = (body: string) =>
  inTransaction(h.db, async () => {
    h.sqlite.prepare('INSERT INTO note (body) VALUES (?)').run(body);
    return body;
  });

describeSqliteOnly('group commit', 'PostgreSQL commits each transaction itself', () => {
  it('when 20 transactions start in one turn, then one commit carries them all and each is answered only once another connection can read it', async () => {
    const before = sqliteCommitStats();
    const seenAtAnswer: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        insert(`n${i}`).then((body) => {
          seenAtAnswer.push(committedBodies().length);
          return body;
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    expect(seenAtAnswer.every((n) => n === 20)).toBe(true);
    const after = sqliteCommitStats();
    expect(after.bodies - before.bodies).toBe(20);
    expect(after.commits - before.commits).toBe(1);
  });

  it('when one body of a batch fails, then only its own writes are undone and the others commit', async () => {
    const failing = inTransaction(h.db, async () => {
      h.sqlite.prepare('INSERT INTO note (body) VALUES (?)').run('doomed');
      throw new Error('refused midway');
    });
    const results = await Promise.allSettled([insert('a'), failing, insert('b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedBodies()).toEqual(['a', 'b']);
  });

  it('when the commit itself fails, then every body of the batch fails and nothing of it is on disk', async () => {
    // A deferred foreign key is checked at COMMIT: the one way to make a real commit fail on demand.
    const breaking = inTransaction(h.db, async () => {
      h.sqlite.pragma('defer_foreign_keys = ON');
      h.sqlite.prepare('INSERT INTO note (body, parent_id) VALUES (?, ?)').run('orphan', 999);
    });
    const results = await Promise.allSettled([insert('a'), breaking, insert('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedBodies()).toEqual([]);
    expect(h.sqlite.inTransaction).toBe(false);
    // The connection carries on with the next batch.
    await insert('after');
    expect(committedBodies()).toEqual(['after']);
  });

  it('when transactions arrive in separate turns, then each gets its own commit', async () => {
    const before = sqliteCommitStats();
    await insert('first');
    await new Promise((r) => setImmediate(r));
    await insert('second');
    expect(sqliteCommitStats().commits - before.commits).toBe(2);
    expect(committedBodies()).toEqual(['first', 'second']);
  });
});
