import type { PgDb } from '../../src/db/pg';
import { accounts, staff } from '../../src/db/pgSchema';
import { nameForms } from '../../src/policy/normalize';

/** One staff member in a PostgreSQL test database (the password is never checked here). */
export async function addPgStaff(db: PgDb, username = 'agent'): Promise<number> {
  const [row] = await db
    .insert(staff)
    .values({ username, fullName: `Staff ${username}`, role: 'agent', passwordHash: 'x' })
    .returning({ id: staff.id });
  return row!.id;
}

/** Accounts with the name forms the SQLite write paths store (policy/normalize.ts nameForms). */
let made = 0;

export async function addPgAccounts(db: PgDb, names: string[]): Promise<number[]> {
  const rows = names.map((fullName) => ({
    ...accountNumbers(++made),
    fullName,
    ...nameForms(fullName),
  }));
  const inserted = await db.insert(accounts).values(rows).returning({ id: accounts.id });
  return inserted.map((r) => r.id);
}

/** The unique and identifying details of the n-th test account. */
function accountNumbers(i: number) {
  return {
    accountNumber: `OK${String(1_000_000_000 + i)}`,
    dateOfBirth: '1990-01-01',
    phone: `+8613800${String(100_000 + i)}`,
    email: `c${i}@example.com`,
    emailNorm: `c${i}@example.com`,
    nationalIdHash: `hash${i}`,
    nationalIdLast4: String(1000 + (i % 9000)),
    country: 'CN',
    passwordHash: 'x',
  };
}
