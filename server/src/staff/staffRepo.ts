import type Database from 'better-sqlite3';
import { and, asc, count, desc, eq, inArray, isNull, like, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { prepared } from '../db/prepared';
import { type Staff, type StaffRole, sessions, staff } from '../db/schema';

export function findStaffByUsername(db: DbOrTx, username: string): Staff | undefined {
  return db.select().from(staff).where(eq(staff.username, username)).get();
}

export function findStaffById(db: DbOrTx, id: number): Staff | undefined {
  return db.select().from(staff).where(eq(staff.id, id)).get();
}

export type StaffIdentity = Pick<
  Staff,
  'id' | 'username' | 'fullName' | 'role' | 'disabled' | 'mustChangePassword'
> & { totpEnrolled: boolean };

/**
 * The signed-in member's identity, read once per request when passport restores the session: a
 * narrow statement prepared once (not the whole row through the query builder), and never cached
 * across requests, so disabling a member ends their sessions at their next request.
 */
export function findStaffIdentity(sqlite: Database.Database, id: number): StaffIdentity | undefined {
  const row = prepared<
    [number],
    Omit<StaffIdentity, 'disabled' | 'mustChangePassword' | 'totpEnrolled'> & {
      disabled: number;
      mustChange: number;
      enrolled: number;
    }
  >(
    sqlite,
    'SELECT id, username, full_name AS fullName, role, disabled, must_change_password AS mustChange, totp_secret IS NOT NULL AS enrolled FROM staff WHERE id = ?',
  ).get(id);
  if (!row) return undefined;
  const { mustChange, enrolled, ...rest } = row;
  return {
    ...rest,
    disabled: row.disabled !== 0,
    mustChangePassword: mustChange !== 0,
    totpEnrolled: enrolled !== 0,
  };
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

/** Sets a first authenticator, only while the member has none; false when one is already there. */
export function enrolTotp(db: DbOrTx, id: number, secret: string, acceptedStep: number): boolean {
  const result = db
    .update(staff)
    .set({ totpSecret: secret, totpLastStep: acceptedStep })
    .where(and(eq(staff.id, id), isNull(staff.totpSecret)))
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
    mustChangePassword?: boolean;
    temporaryPasswordUntil?: number | null;
  },
): Staff {
  return db.insert(staff).values(values).returning().get();
}

export function updateStaff(
  db: DbOrTx,
  id: number,
  values: Partial<
    Pick<
      Staff,
      | 'disabled'
      | 'passwordHash'
      | 'totpSecret'
      | 'totpLastStep'
      | 'role'
      | 'fullName'
      | 'mustChangePassword'
      | 'temporaryPasswordUntil'
    >
  >,
) {
  db.update(staff).set(values).where(eq(staff.id, id)).run();
}

const publicColumns = {
  id: staff.id,
  username: staff.username,
  fullName: staff.fullName,
  role: staff.role,
  disabled: staff.disabled,
  mustChangePassword: staff.mustChangePassword,
  totpEnrolled: sql<boolean>`${staff.totpSecret} IS NOT NULL`.mapWith(Boolean),
  lastSignInAt: staff.lastSignInAt,
  createdAt: staff.createdAt,
};

export type StaffView = {
  id: number;
  username: string;
  fullName: string;
  role: StaffRole;
  disabled: boolean;
  mustChangePassword: boolean;
  /** Whether an authenticator is enrolled; the secret itself never leaves the server. */
  totpEnrolled: boolean;
  lastSignInAt: number | null;
  createdAt: number;
};

/** Active supervisors other than `exceptId`: the desk must keep at least one (docs/design.md, Staff lifecycle). */
export function countOtherActiveSupervisors(db: DbOrTx, exceptId: number): number {
  return (
    db
      .select({ n: count() })
      .from(staff)
      .where(and(eq(staff.role, 'supervisor'), eq(staff.disabled, false), ne(staff.id, exceptId)))
      .get()?.n ?? 0
  );
}

/**
 * Ends every session of the member at once, signed in or half-way through the TOTP step: the session rows
 * go, so the next request with their cookie is a stranger's. Answers how many ended.
 */
export function endSessionsOf(db: DbOrTx, staffId: number): number {
  return db
    .delete(sessions)
    .where(
      or(
        sql`json_extract(${sessions.data}, '$.passport.user') = ${staffId}`,
        sql`json_extract(${sessions.data}, '$.pendingMfa.staffId') = ${staffId}`,
      ),
    )
    .run().changes;
}

/** What a username may be: the staff CLI and POST /api/staff check the same. */
export const STAFF_USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;

export function listStaff(
  db: DbOrTx,
  q: {
    ids?: number[];
    q?: string;
    role?: StaffRole;
    disabled?: boolean;
    offset: number;
    limit: number;
    order?: 'asc' | 'desc';
  },
): { rows: StaffView[]; total: number } {
  const where = and(
    q.ids ? inArray(staff.id, q.ids) : undefined,
    q.q ? or(like(staff.username, `%${q.q}%`), like(staff.fullName, `%${q.q}%`)) : undefined,
    q.role ? eq(staff.role, q.role) : undefined,
    q.disabled === undefined ? undefined : eq(staff.disabled, q.disabled),
  );
  const rows = db
    .select(publicColumns)
    .from(staff)
    .where(where)
    .orderBy(q.order === 'desc' ? desc(staff.username) : asc(staff.username))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(staff).where(where).get()?.n ?? 0;
  return { rows, total };
}
