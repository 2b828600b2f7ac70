import { resolve } from 'node:path';
import { createApp } from './app';
import { startBackgroundWork } from './background';
import { ConfigError, databaseEngine, loadConfig } from './config';
import { createDb } from './db/client';
import { answerClientErrorsInJson } from './http/clientErrors';
import { createLogger } from './http/logger';
import { loadKeys } from './keys';
import { acquireDbLock, DbLockError } from './ops/dbLock';
import { shutDown } from './ops/shutdown';

function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (databaseEngine(config) === 'postgres') {
    // Honest refusal rather than half-running: the schema, migrations, audit chain and outbox claim exist
    // for PostgreSQL (README, Running on PostgreSQL), but the domain's repositories still speak SQLite only.
    console.error(
      'Cannot start: DATABASE_URL is set, but the PostgreSQL engine is not wired into the domain yet. ' +
        'Unset DATABASE_URL to run on SQLite (DB_FILE); npm run db:copy copies a SQLite database to PostgreSQL.',
    );
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Before opening the file: a restore in progress, or another server on it, stops this one here.
  let lock: { release: () => void };
  try {
    lock = acquireDbLock(config.DB_FILE, 'server', { unknownHost: 'take' });
  } catch (error) {
    if (error instanceof DbLockError) {
      console.error(`Cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  process.on('exit', () => lock.release());
  const { db, sqlite, close } = createDb(config.DB_FILE);
  const keys = loadKeys(config.DB_FILE, process.env);
  const deps = { db, sqlite, config, keys, logger, now: Date.now };
  const app = createApp(deps, { clientDir: resolve(process.env.CLIENT_DIR ?? 'dist/client') });
  const stopBackground = startBackgroundWork(deps);
  const server = app.listen(config.PORT, () => {
    logger.info('listening', { url: `http://localhost:${config.PORT}`, db: config.DB_FILE });
  });
  answerClientErrorsInJson(server);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal: exiting without finishing the drain', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    shutDown({
      deps,
      server,
      stopBackground,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      close: () => {
        close();
        lock.release();
      },
    }).then(
      () => process.exit(0),
      (error) => {
        logger.error('shutdown failed', { error: String(error?.message ?? error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main();
