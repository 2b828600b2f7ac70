import { DB_OPTION, defaultDbFile, openDatabase, parseCli, runCli } from './lib/cli';

const USAGE = `
Usage: npm run migrate -- [--db FILE]

Creates the database if needed and applies pending migrations (every CLI and the server do this too).

Options:
  --db FILE     database file (default: $DB_FILE or data/recovery-desk.db)
  -h, --help    show this help
`;

runCli(USAGE, () => {
  const { values } = parseCli(USAGE, DB_OPTION);
  const dbFile = values.db ?? defaultDbFile();
  const { handle } = openDatabase(dbFile);
  try {
    const applied = handle.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    process.stdout.write(`${dbFile}: schema up to date (${applied.n} migrations applied)\n`);
  } finally {
    handle.close();
  }
  return 0;
});
