#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium, saying what it finds or does; never skips silently.
// Order: $CHROMIUM_PATH, `chromium` on PATH, Debian's package (as root on Debian), Playwright's download.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';

const say = (line) => console.log(`[ensure-chromium] ${line}`);

function chromiumOnPath() {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : '';
}

function run(command, args) {
  say(`running: ${command} ${args.join(' ')}`);
  // No terminal in CI: apt must not stop to ask anything.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(
      `[ensure-chromium] FAILED: ${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
    );
    process.exit(1);
  }
}

const configured = process.env.CHROMIUM_PATH;
if (configured) {
  if (existsSync(configured)) {
    say(`using CHROMIUM_PATH=${configured}`);
    process.exit(0);
  }
  say(`CHROMIUM_PATH=${configured} does not exist; looking elsewhere`);
}

const onPath = chromiumOnPath();
if (onPath) {
  say(`using chromium on PATH: ${onPath}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/etc/debian_version')) {
  say(
    "Chromium not found: installing Debian's chromium package (apt-get update && apt-get install -y chromium)…",
  );
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  const installed = chromiumOnPath();
  if (!installed) {
    console.error('[ensure-chromium] FAILED: apt-get finished but `chromium` is still not on PATH');
    process.exit(1);
  }
  say(`installed: ${installed}`);
  process.exit(0);
}

say(
  `Chromium not found${isRoot ? '' : ' (not root, so not using apt-get)'}: installing Playwright's own Chromium (npx playwright install chromium)…`,
);
run('npx', ['playwright', 'install', 'chromium']);
// playwright.config.ts falls back to this download when neither CHROMIUM_PATH nor PATH has one.
const downloaded = execFileSync(
  process.execPath,
  ['-e', "console.log(require('playwright-core').chromium.executablePath())"],
  { encoding: 'utf8' },
).trim();
if (!existsSync(downloaded)) {
  console.error(`[ensure-chromium] FAILED: Playwright's Chromium is not at ${downloaded}`);
  process.exit(1);
}
say(`installed Playwright's Chromium at ${downloaded}`);
