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

  it('when PG_POOL_SIZE is not a whole number from 1 to 200, then start-up is refused naming it; unset, the pool has 10', () => {
    for (const bad of ['0', '-1', '2.5', '201', 'ten']) {
      expect(refusal({ DATABASE_URL: 'postgres://u@h/db', PG_POOL_SIZE: bad }), bad).toMatch(/PG_POOL_SIZE/);
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).PG_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', PG_POOL_SIZE: '40' }).PG_POOL_SIZE).toBe(40);
  });

  it('when NODE_ENV=production runs on PostgreSQL without MESSAGE_KEY, then start-up is refused naming it (every instance must unseal what another queued)', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://desk.example.com',
      SESSION_SECRET: 's'.repeat(32),
      AUDIT_KEY: 'a'.repeat(32),
      PII_KEY: 'p'.repeat(32),
      DATABASE_URL: 'postgres://desk@db.internal/recovery_desk',
    };
    expect(refusal(production)).toMatch(/MESSAGE_KEY: required when NODE_ENV=production on PostgreSQL/);
    expect(refusal({ ...production, MESSAGE_KEY: 'm'.repeat(32) })).toBeNull();
    // SQLite keeps its key file beside the database: one machine, one key.
    const { DATABASE_URL: _url, ...onSqlite } = production;
    expect(refusal(onSqlite)).toBeNull();
  });

  it('when the server starts with DATABASE_URL and PostgreSQL does not answer, then it exits non-zero naming the connection and never listens', () => {
    const { DB_FILE: _db, DATABASE_URL: _url, ...env } = process.env;
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: '3231', LOG_LEVEL: 'info' },
      encoding: 'utf8',
      // tsx compiles the server first: seconds on a loaded machine.
      timeout: 80_000,
    });
    expect(result.stderr).toMatch(/ECONNREFUSED 127\.0\.0\.1:1/);
    expect(result.stdout).not.toMatch(/"listening"/);
    expect(result.status).toBe(1);
  }, 90_000);
});
