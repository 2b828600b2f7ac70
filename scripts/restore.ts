import { BackupError, restoreDatabase } from '../server/src/ops/backup';
import { DbLockError } from '../server/src/ops/dbLock';
import { CliError, DB_OPTION, defaultDbFile, parseCli, requireOption, runCli } from './lib/cli';

const USAGE = `
Usage: npm run restore -- --from BACKUP [--db FILE]

Puts a backup in place of the database. Refuses while a server holds the database (stop it
first). Verifies the backup before touching anything (PRAGMA integrity_check and the audit chain
with the audit key that FILE uses: AUDIT_KEY or FILE.audit-key — restore the key files first).
The file it replaces is kept as FILE.before-restore-<UTC time>.

Options:
  --from BACKUP  a backup made by npm run backup
  --db FILE      database file to replace (default: $DB_FILE or data/recovery-desk.db)
  -h, --help     show this help
`;

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { ...DB_OPTION, from: { type: 'string' } });
  const from = requireOption(values.from, 'from');
  const dbFile = values.db ?? defaultDbFile();
  try {
    const r = await restoreDatabase({ from, dbFile, env: process.env });
    process.stdout.write(
      `restored ${from} -> ${r.dbFile}\n  integrity_check: ${r.integrity}; audit chain: ok, ${r.chain.checked} rows verified\n`,
    );
    for (const file of r.setAside) process.stdout.write(`  previous file kept as ${file}\n`);
    process.stdout.write('Start the server on it: it applies any newer migrations at start.\n');
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof DbLockError) throw new CliError(error.message);
    throw error;
  }
});
