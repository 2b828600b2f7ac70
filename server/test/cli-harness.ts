import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
// The same tsx that `npx tsx` resolves to, without npx's start-up cost.
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs one of scripts/*.ts as a real child process, as an operator would. */
export function runScript(
  script: string,
  args: string[],
  options: { input?: string } = {},
): Promise<CliResult> {
  // Keys and DB come from the files beside the temp database, never from the developer's environment
  // (nor from the PostgreSQL test run's DATABASE_URL: these scripts are given a SQLite file).
  const {
    DB_FILE: _db,
    DATABASE_URL: _url,
    AUDIT_KEY: _a,
    PII_KEY: _p,
    SESSION_SECRET: _s,
    MESSAGE_KEY: _m,
    ...env
  } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(TSX, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A temp folder for one test file's databases. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'rd-cli-'));
  return {
    dir,
    file: (name: string) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
