import type Database from 'better-sqlite3';
import type { Config } from './config';
import type { Db } from './db/client';
import type { Logger } from './http/logger';
import type { Keys } from './keys';

/** Everything the app needs from outside, built by main.ts or by a test around a temp database. */
export type AppDeps = {
  db: Db;
  /** SQLite only: the connection under db, for pragmas, the read worker's file and backups; null on PostgreSQL. */
  sqlite: Database.Database | null;
  config: Config;
  keys: Keys;
  logger: Logger;
  /** Injectable clock so lock windows and expiries can be tested without waiting. */
  now: () => number;
};
