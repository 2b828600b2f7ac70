import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseEngine, loadConfig } from '../src/config';

const ROOT = resolve(import.meta.dirname, '../..');

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('DATABASE_URL selects PostgreSQL', () => {
  it('when DATABASE_URL is not set, or only DB_FILE is, then the engine is SQLite', () => {
    expect(databaseEngine(loadConfig({}))).toBe('sqlite');
    expect(databaseEngine(loadConfig({ DB_FILE: 'x.db', DATABASE_URL: '' }))).toBe('sqlite');
  });

  it('when DATABASE_URL is a postgres URL (TCP or a socket dir), then the engine is PostgreSQL', () => {
    for (const url of [
      'postgres://desk:secret@db.internal:5432/recovery_desk',
      'postgresql://desk@10.0.0.5/recovery_desk?sslmode=require',
      'postgres://postgres@localhost/rd?host=%2Ftmp%2Frd-pg-1',
    ]) {
      const config = loadConfig({ DATABASE_URL: url });
      expect(databaseEngine(config), url).toBe('postgres');
      expect(config.DATABASE_URL).toBe(url);
    }
  });

  it('when DATABASE_URL is not a postgres URL naming a database, then start-up is refused naming it', () => {
    for (const bad of [
      'mysql://u@h/db',
      'postgres://u@h',
      'postgres://u@h/',
      'not a url',
      'postgres:///db',
    ]) {
      expect(refusal({ DATABASE_URL: bad }), bad).toMatch(/DATABASE_URL: must be a postgres/);
    }
    expect(refusal({ DATABASE_URL: 'postgres://u@h/db', DB_FILE: 'x.db' })).toMatch(
      /DATABASE_URL: set either DATABASE_URL \(PostgreSQL\) or DB_FILE \(SQLite\), not both/,
    );
  });

  it('when the server starts with DATABASE_URL, then it says PostgreSQL is not wired into the domain yet and exits 2 without opening anything', () => {
    const { DB_FILE: _db, ...env } = process.env;
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: '3231', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toMatch(/the PostgreSQL engine is not wired into the domain yet/);
    expect(result.status).toBe(2);
  });
});
