import { rmSync } from 'node:fs';

/** Removes the run's temp folder (database, key files, mailbox) once the web server has stopped. */
export default async function globalTeardown() {
  const runDir = process.env.RD_E2E_DIR;
  if (runDir && !process.env.RD_E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
}
