import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, defineConfig } from '@playwright/test';

// E2E_PORT / E2E_OUTPUT_DIR let two runs share a machine (or a working tree) without colliding.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3123);
const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * Chromium comes from $CHROMIUM_PATH, else `chromium` on PATH (Debian's package), else the one
 * `npx playwright install chromium` downloaded (scripts/ensure-chromium.mjs sees to one of them).
 * None: the run fails here, loudly, rather than skipping the end-to-end tests.
 */
function chromiumExecutable(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  try {
    const onPath = execSync('command -v chromium', {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (onPath) return onPath;
  } catch {
    // Not on PATH; try Playwright's own download below.
  }
  const downloaded = chromium.executablePath();
  if (existsSync(downloaded)) return downloaded;
  throw new Error(
    'No Chromium for the end-to-end tests: set CHROMIUM_PATH, install Debian\'s "chromium" package, ' +
      'or run `node scripts/ensure-chromium.mjs` (npm run test:e2e does).',
  );
}

// One fresh folder per run for the database, its key files and the mailbox. The config is loaded
// again in each worker, which inherits this variable, so every process agrees on the folder.
process.env.RD_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'rd-e2e-'));
const runDir = process.env.RD_E2E_DIR;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node dist/server/main.js',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'test',
      PORT: String(E2E_PORT),
      DB_FILE: join(runDir, 'e2e.db'),
      MAILBOX_DIR: join(runDir, 'mailbox'),
      CLIENT_DIR: 'dist/client',
      LOG_LEVEL: 'warn',
      // The specs stand in for an edge proxy on loopback: wallet sign-ins come "from" their own IPs.
      TRUST_PROXY: 'loopback',
      PUBLIC_URL: BASE_URL,
      // Four staff accounts stand in for a whole desk across parallel specs (agent-activity alone makes 20
      // lookups as agent2): a per-person burst of 20 a minute would trip on the suite, not on a person.
      // server/test/lookup-oracle.test.ts proves the default limit.
      LOOKUP_LIMIT_PER_MINUTE: '200',
      // The four shared desk accounts sign in dozens of times a minute across parallel specs, and a TOTP time
      // step signs in once: they sign in with a password alone (a test-only setting, refused in production).
      // supervisor-totp and every member a spec creates go through the TOTP step and enrolment
      // (auth.spec.ts, staff-enrolment.spec.ts); server/test/staff-totp-enrolment.test.ts proves the rule.
      STAFF_TOTP_EXEMPT: 'agent,agent2,supervisor,supervisor2',
    },
  },
});
