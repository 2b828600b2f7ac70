// Makes sure the PostgreSQL tests have Debian's PostgreSQL binaries (initdb, pg_ctl), saying what it
// finds or does; never skips silently. The tests start their own throw-away clusters from these
// binaries (scripts/pg-cluster.ts): nothing is started here and no system service is relied on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPgBin } from './pg-cluster';

const say = (line: string) => console.log(`[ensure-postgres] ${line}`);

function fail(message: string): never {
  console.error(`[ensure-postgres] FAILED: ${message}`);
  process.exit(1);
}

function run(command: string, args: string[]) {
  say(`running: ${command} ${args.join(' ')}`);
  // No terminal in CI: apt must not stop to ask anything.
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

const present = findPgBin();
if (present) {
  say(`using ${present}`);
  process.exit(0);
}
const isRoot = process.getuid?.() === 0;
if (!isRoot || !existsSync('/etc/debian_version')) {
  fail(
    "PostgreSQL not found and this is not root on Debian: install Debian's postgresql package or set PG_BIN",
  );
}
say(
  "PostgreSQL not found: installing Debian's postgresql package (apt-get update && apt-get install -y postgresql)…",
);
run('apt-get', ['update']);
run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql']);
const installed = findPgBin();
if (!installed) fail('apt-get finished but there is no /usr/lib/postgresql/<version>/bin/initdb');
say(`installed: ${installed}`);
