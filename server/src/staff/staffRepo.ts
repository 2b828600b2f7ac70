import type Database from 'better-sqlite3';
import { and, asc, count, eq, inArray, isNull, like, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { prepared } from '../db/prepared';
import { type Staff, type StaffRole, staff } from '../db/schema';

export function findStaffByUsername(db: DbOrTx, username: string): Staff | undefined {
  return db.select().from(staff).where(eq(staff.username, username)).get();
}

export function findStaffById(db: DbOrTx, id: number): Staff | undefined {
  return db.select().from(staff).where(eq(staff.id, id)).get();
}

export type StaffIdentity = Pick<Staff, 'id' | 'username' | 'fullName' | 'role' | 'disabled'>;

/**
 * The signed-in member's identity, read once per request when passport restores the session: a
 * narrow statement prepared once (not the whole row through the query builder), and never cached
 * across requests, so disabling a member ends their sessions at their next request.
 */
export function findStaffIdentity(sqlite: Database.Database, id: number): StaffIdentity | undefined {
  const row = prepared<[number], Omit<StaffIdentity, 'disabled'> & { disabled: number }>(
    sqlite,
    'SELECT id, username, full_name AS fullName, role, disabled FROM staff WHERE id = ?',
  ).get(id);
  return row && { ...row, disabled: row.disabled !== 0 };
}

export function recordSuccessfulSignIn(db: DbOrTx, id: number, at: number) {
  db.update(staff).set({ lastSignInAt: at }).where(eq(staff.id, id)).run();
}

/** Stores the TOTP step just accepted, only if it is later than the stored one; false when another request took it. */
export function acceptTotpStep(db: DbOrTx, id: number, step: number): boolean {
  const result = db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))))
    .run();
  return result.changes === 1;
}

export function insertStaff(
  db: DbOrTx,
  values: {
    username: string;
    fullName: string;
    role: StaffRole;
    passwordHash: string;
    totpSecret?: string | null;
  },
): Staff {
  return db.insert(staff).values(values).returning().get();
}

export function updateStaff(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<Staff, 'disabled' | 'passwordHash' | 'totpSecret' | 'role' | 'fullName'>>,
) {
  db.update(staff).set(values).where(eq(staff.id, id)).run();
}

const publicColumns = {
  id: staff.id,
  username: staff.username,
  fullName: staff.fullName,
  role: staff.role,
  disabled: staff.disabled,
  lastSignInAt: staff.lastSignInAt,
  createdAt: staff.createdAt,
};

export type StaffView = {
  id: number;
  username: string;
  fullName: string;
  role: StaffRole;
  disabled: boolean;
  lastSignInAt: number | null;
  createdAt: number;
};

export function listStaff(
  db: DbOrTx,
  q: { ids?: number[]; q?: string; offset: number; limit: number },
): { rows: StaffView[]; total: number } {
  const where = q.ids
    ? inArray(staff.id, q.ids)
    : q.q
      ? or(like(staff.username, `%${q.q}%`), like(staff.fullName, `%${q.q}%`))
      : undefined;
  const rows = db
    .select(publicColumns)
    .from(staff)
    .where(where)
    .orderBy(asc(staff.username))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(staff).where(where).get()?.n ?? 0;
  return { rows, total };
}
