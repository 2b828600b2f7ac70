import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDb, migrationsFolder } from '../src/db/client';
import { findCandidates } from '../src/lookup/lookup';
import { parseLookup } from '../src/lookup/lookupQuery';
import { describeSqliteOnly } from './engine/testDatabase';

/**
 * A database made before names had their Chinese script, pinyin and transliterated forms is
 * brought up to date when it is next opened: the migration adds the columns and the word index,
 * the backfill writes every existing row's forms, and lookups find them.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rd-backfill-'));
});
afterEach(() => {
  delete process.env.MIGRATIONS_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** The migrations folder as it was before the name forms. */
function oldMigrations(): string {
  const folder = join(dir, 'old-drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const current = migrationsFolder();
  const journal = JSON.parse(readFileSync(join(current, 'meta', '_journal.json'), 'utf8'));
  const first = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_account_name_forms'));
  const old = journal.entries.slice(0, first);
  for (const e of old) cpSync(join(current, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: old }));
  return folder;
}

function insertOldStyle(sqlite: ReturnType<typeof createDb>['sqlite'], rows: [string, string][]) {
  const insert = sqlite.prepare(
    `INSERT INTO accounts (account_number, full_name, name_key, date_of_birth, phone, email, email_norm,
      national_id_hash, national_id_last4, country, password_hash)
     VALUES (?, ?, ?, '1990-03-05', ?, ?, ?, 'h', '1234', 'CN', 'x')`,
  );
  for (const [i, [fullName, oldKey]] of rows.entries()) {
    insert.run(`OK${7000000000 + i}`, fullName, oldKey, `+8613800000${100 + i}`, `c${i}@x`, `c${i}@x`);
  }
}

describeSqliteOnly(
  'name forms backfill',
  "SQLite files made before drizzle/0005 are backfilled on open; PostgreSQL's schema has the name forms from its first migration",
  () => {
    it('when a database from before the name forms is opened, then every row gets its forms and is found by them', async () => {
      const dbFile = join(dir, 'old.db');
      process.env.MIGRATIONS_DIR = oldMigrations();
      const before = createDb(dbFile);
      // Keys as the old code wrote them: Chinese names one token, traditional kept traditional.
      insertOldStyle(before.sqlite, [
        ['歐陽勇', '歐陽勇'],
        ['王小明', '王小明'],
        ['Иван Петров', 'иван петров'],
        ['José Núñez', 'jose nunez'],
      ]);
      before.close();

      delete process.env.MIGRATIONS_DIR;
      const after = createDb(dbFile);
      try {
        const rows = after.sqlite
          .prepare('SELECT full_name, name_key, name_latin, name_latin_key FROM accounts ORDER BY id')
          .all();
        expect(rows).toEqual([
          {
            full_name: '歐陽勇',
            name_key: '勇 欧阳',
            name_latin: 'ouyang yong',
            name_latin_key: 'ouyangyong',
          },
          {
            full_name: '王小明',
            name_key: '小明 王',
            name_latin: 'wang xiaoming',
            name_latin_key: 'wangxiaoming',
          },
          {
            full_name: 'Иван Петров',
            name_key: 'иван петров',
            name_latin: 'ivan petrov',
            name_latin_key: 'ivanpetrov',
          },
          { full_name: 'José Núñez', name_key: 'jose nunez', name_latin: null, name_latin_key: null },
        ]);
        expect(after.sqlite.prepare('SELECT count(*) AS n FROM pending_backfills').get()).toEqual({ n: 0 });
        const found = async (body: Record<string, string>) =>
          (await findCandidates(after, parseLookup(body))).candidates.map((c) => c.fullName);
        expect(await found({ fullName: '欧阳勇' })).toEqual(['歐陽勇']);
        expect(await found({ fullName: '小明' })).toEqual(['王小明']);
        expect(await found({ fullName: 'Ivan Petrov' })).toEqual(['Иван Петров']);
        expect(await found({ fullName: 'Núñez' })).toEqual(['José Núñez']);
      } finally {
        after.close();
      }
    });

    it('when a backfill was interrupted, then the next open resumes after the last row it wrote', () => {
      const dbFile = join(dir, 'resume.db');
      const first = createDb(dbFile);
      insertOldStyle(first.sqlite, [
        ['杨家豪', 'stale'],
        ['楊家豪', 'stale'],
      ]);
      // As if a run had written row 1 and stopped: row 1 keeps its (stale) key, row 2 is rewritten.
      first.sqlite
        .prepare("INSERT INTO pending_backfills (name, after_id) VALUES ('account_name_forms', 1)")
        .run();
      first.close();
      const second = createDb(dbFile);
      try {
        expect(second.sqlite.prepare('SELECT name_key FROM accounts ORDER BY id').all()).toEqual([
          { name_key: 'stale' },
          { name_key: '家豪 杨' },
        ]);
      } finally {
        second.close();
      }
    });
  },
);
