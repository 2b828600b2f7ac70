import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startCheckpointer } from '../src/db/checkpointer';
import { createDb, type DbHandle } from '../src/db/client';
import { openDatabase } from '../src/db/open';
import { describeSqliteOnly } from './engine/testDatabase';

/**
 * docs/design.md, One write connection: the server's commits never copy the WAL into the database
 * file themselves (SQLite would, inside the commit that crosses 1,000 pages, on the event loop); a
 * worker thread checkpoints instead. The database file's size tells whether pages were copied into it.
 */

let dir: string;
const handles: DbHandle[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const h of handles.splice(0)) if (h.sqlite.open) h.close();
  rmSync(dir, { recursive: true, force: true });
});

function freshFile() {
  dir = mkdtempSync(join(tmpdir(), 'rd-checkpoint-'));
  return join(dir, 'desk.db');
}

/** Commits enough rows (each its own transaction, about 3,000 pages in all) to cross SQLite's 1,000-page rule. */
function writePages(h: DbHandle) {
  h.sqlite.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = h.sqlite.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let i = 0; i < 300; i++) insert.run('x'.repeat(40_000));
}

const fileSize = (file: string) => statSync(file).size;

describeSqliteOnly(
  'WAL checkpoints off the event loop',
  'PostgreSQL checkpoints in its own processes',
  () => {
    it('when a plain connection commits past 1,000 WAL pages, then SQLite copies them into the file inside a commit (the cost the server avoids)', () => {
      const file = freshFile();
      const h = createDb(file);
      handles.push(h);
      const before = fileSize(file);
      writePages(h);
      expect(fileSize(file)).toBeGreaterThan(before + 4_000_000);
    });

    it('when the checkpointer runs, then commits leave the file alone, and a checkpoint from the worker copies every page', async () => {
      const file = freshFile();
      const h = createDb(file);
      handles.push(h);
      const checkpointer = startCheckpointer(h.sqlite, { everyMs: 60_000 });
      cleanups.push(async () => {
        if (h.sqlite.open) await checkpointer.stop();
      });
      expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = fileSize(file);
      writePages(h);
      expect(fileSize(file)).toBeLessThan(before + 1_000_000);

      const result = await checkpointer.checkpointNow();
      expect(result.log).toBeGreaterThan(1_000);
      expect(result.checkpointed).toBe(result.log);
      expect(fileSize(file)).toBeGreaterThan(before + 4_000_000);

      await checkpointer.stop();
      expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    });

    it('when the server opens its file, then the timer checkpoints by itself, and closing closes it all', async () => {
      const file = freshFile();
      const opened = await openDatabase({ DB_FILE: file, DATABASE_URL: undefined });
      const sqlite = opened.sqlite!;
      cleanups.push(async () => {
        if (sqlite.open) await opened.close();
      });
      const before = fileSize(file);
      writePages({ db: opened.db, sqlite, close: () => sqlite.close() } as DbHandle);
      await expect
        .poll(() => fileSize(file), { timeout: 5_000, interval: 100 })
        .toBeGreaterThan(before + 4_000_000);

      await opened.close();
      expect(sqlite.open).toBe(false);
    });
  },
);
