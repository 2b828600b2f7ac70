import { resolve } from 'node:path';
import { createApp } from './app';
import { startBackgroundWork } from './background';
import { ConfigError, databaseEngine, loadConfig } from './config';
import { openDatabase } from './db/open';
import { answerClientErrorsInJson } from './http/clientErrors';
import { createLogger } from './http/logger';
import { loadKeys } from './keys';
import { acquireDbLock, DbLockError } from './ops/dbLock';
import { trackRequests } from './ops/lifecycle';
import { shutDown } from './ops/shutdown';

async function main() {
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
  const logger = createLogger(config.LOG_LEVEL);
  const engine = databaseEngine(config);
  let lock: { release: () => void } = { release: () => undefined };
  if (engine === 'sqlite') {
    // Before opening the file: a restore in progress, or another server on it, stops this one here.
    // (PostgreSQL serves several instances at once: its write lock and row locks do this job.)
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
  }
  const { db, sqlite, close } = await openDatabase(config, {
    poolSize: config.PG_POOL_SIZE,
    onCheckpointError: (error) => logger.warn('WAL checkpoint failed; retrying', { error }),
  });
  const keys = loadKeys(config.DB_FILE, process.env);
  const deps = { db, sqlite, config, keys, logger, now: Date.now };
  const app = createApp(deps, { clientDir: resolve(process.env.CLIENT_DIR ?? 'dist/client') });
  const stopBackground = startBackgroundWork(deps);
  const server = app.listen(config.PORT, () => {
    logger.info('listening', {
      url: `http://localhost:${config.PORT}`,
      db: engine === 'sqlite' ? config.DB_FILE : 'postgres',
    });
  });
  answerClientErrorsInJson(server);
  // The shutdown waits for every handler to answer, not only for the connections to close.
  trackRequests(deps, server);
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
      close: async () => {
        await close();
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
