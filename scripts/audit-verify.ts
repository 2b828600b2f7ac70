import { verifyChain } from '../server/src/audit/verify';
import { DB_OPTION, defaultDbFile, openDatabase, parseCli, runCli } from './lib/cli';

const USAGE = `
Usage: npm run audit:verify -- [--db FILE]

Recomputes the audit trail's HMAC chain with the audit key (AUDIT_KEY or the key file beside the
database). Prints "ok, N rows checked" and exits 0, or names the first broken row and exits 1.

Options:
  --db FILE     database file (default: $DB_FILE or data/recovery-desk.db)
  -h, --help    show this help
`;

runCli(USAGE, () => {
  const { values } = parseCli(USAGE, DB_OPTION);
  const { handle, keys } = openDatabase(values.db ?? defaultDbFile());
  try {
    const report = verifyChain(handle.sqlite, keys.auditKey);
    if (report.ok) {
      process.stdout.write(`ok, ${report.checked} rows checked\n`);
      return 0;
    }
    process.stderr.write(
      `BROKEN at audit_events row id ${report.firstBrokenId} (${report.checked} rows before it verified)\n`,
    );
    return 1;
  } finally {
    handle.close();
  }
});
