import { BackupError, backupDatabase } from '../server/src/ops/backup';
import { CliError, DB_OPTION, defaultDbFile, intOption, parseCli, requireOption, runCli } from './lib/cli';

const USAGE = `
Usage: npm run backup -- --out DIR [--db FILE] [--keep N]

Online backup while the server runs: SQLite's backup API copies a consistent snapshot, the copy is
checked (PRAGMA integrity_check, and the whole audit chain with the audit key) and only then named
recovery-desk-<UTC time>.db in DIR. The oldest backups in DIR beyond --keep are deleted.

The key files are NOT copied: back them up separately, somewhere else than DIR. Whoever holds a
backup and the audit key together could rewrite the audit trail.

Options:
  --db FILE     database file (default: $DB_FILE or data/recovery-desk.db)
  --out DIR     backup folder (created if missing; not the database's own folder)
  --keep N      how many backups to keep in DIR, newest first (default 14)
  -h, --help    show this help
`;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { ...DB_OPTION, out: { type: 'string' }, keep: { type: 'string' } });
  const outDir = requireOption(values.out, 'out');
  const keep = intOption(values.keep, 'keep', 14, { min: 1, max: 10_000 });
  const dbFile = values.db ?? defaultDbFile();
  try {
    const r = await backupDatabase({ dbFile, outDir, keep, env: process.env });
    const out = process.stdout;
    out.write(`backup ${r.file}\n`);
    out.write(
      `  ${mib(r.bytes)}, copied in ${(r.copyMs / 1000).toFixed(1)} s, verified in ${(r.verifyMs / 1000).toFixed(1)} s\n`,
    );
    out.write(`  integrity_check: ${r.integrity}; audit chain: ok, ${r.chain.checked} rows verified\n`);
    for (const file of r.pruned) out.write(`  pruned (keeping ${keep}): ${file}\n`);
    out.write('Keys NOT in the backup; back them up separately, away from it:\n');
    for (const k of r.keys) out.write(`  ${k.env.padEnd(15)} ${k.source ?? '(none yet)'} — ${k.why}\n`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
});
