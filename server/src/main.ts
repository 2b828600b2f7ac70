import { resolve } from 'node:path';
import { createApp } from './app';
import { startBackgroundWork } from './background';
import { ConfigError, loadConfig } from './config';
import { createDb } from './db/client';
import { answerClientErrorsInJson } from './http/clientErrors';
import { createLogger } from './http/logger';
import { loadKeys } from './keys';

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
  const logger = createLogger(config.LOG_LEVEL);
  const { db, sqlite, close } = createDb(config.DB_FILE);
  const keys = loadKeys(config.DB_FILE, process.env);
  const deps = { db, sqlite, config, keys, logger, now: Date.now };
  const app = createApp(deps, { clientDir: resolve(process.env.CLIENT_DIR ?? 'dist/client') });
  const stopBackground = startBackgroundWork(deps);
  const server = app.listen(config.PORT, () => {
    logger.info('listening', { url: `http://localhost:${config.PORT}`, db: config.DB_FILE });
  });
  answerClientErrorsInJson(server);
  const shutdown = () => {
    stopBackground();
    server.close(() => {
      close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main();
