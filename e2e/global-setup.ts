import { join } from 'node:path';
import { createDb } from '../server/src/db/client';
import { hashPassword } from '../server/src/shared/passwords';
import { insertStaff } from '../server/src/staff/staffRepo';
import { E2E_PASSWORD, E2E_STAFF, E2E_TOTP_SECRET } from './staff';

/**
 * Playwright starts the web server before global setup, so the server has already created and
 * migrated the run's fresh database (RD_E2E_DIR, made by playwright.config.ts); this adds the staff
 * the tests sign in as, through the server's own modules.
 */
export default async function globalSetup() {
  const runDir = process.env.RD_E2E_DIR;
  if (!runDir) throw new Error('RD_E2E_DIR is not set: run the tests through playwright.config.ts');
  const dbFile = join(runDir, 'e2e.db');
  const { db, close } = createDb(dbFile);
  try {
    const passwordHash = await hashPassword(E2E_PASSWORD);
    for (const member of E2E_STAFF) {
      await insertStaff(db, {
        username: member.username,
        fullName: member.fullName,
        role: member.role,
        passwordHash,
        totpSecret: 'totp' in member && member.totp ? E2E_TOTP_SECRET : null,
      });
    }
  } finally {
    close();
  }
  console.log(`[e2e] database ${dbFile} with staff ${E2E_STAFF.map((s) => s.username).join(', ')}`);
}
