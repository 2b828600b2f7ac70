import {
  type AnyColumn,
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  like,
  lt,
  ne,
  or,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { changedRows, firstRow, isPg, rawGet } from '../db/rows';
import { type Staff, type StaffRole, sessions, staff } from '../db/tables';

export async function findStaffByUsername(db: DbOrTx, username: string): Promise<Staff | undefined> {
  return firstRow(db.select().from(staff).where(eq(staff.username, username)).limit(1));
}

export async function findStaffById(db: DbOrTx, id: number): Promise<Staff | undefined> {
  return firstRow(db.select().from(staff).where(eq(staff.id, id)).limit(1));
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
export async function findStaffIdentity(db: DbOrTx, id: number): Promise<StaffIdentity | undefined> {
  const row = await rawGet<
    Omit<StaffIdentity, 'disabled' | 'mustChangePassword' | 'totpEnrolled'> & {
      // 0/1 on SQLite, booleans on PostgreSQL.
      disabled: number | boolean;
      mustChange: number | boolean;
      enrolled: number | boolean;
    }
  >(
    db,
    'SELECT id, username, full_name AS fullName, role, disabled, must_change_password AS mustChange, totp_secret IS NOT NULL AS enrolled FROM staff WHERE id = ?',
    [id],
  );
  if (!row) return undefined;
  const { mustChange, enrolled, ...rest } = row;
  return {
    ...rest,
    disabled: Boolean(row.disabled),
    mustChangePassword: Boolean(mustChange),
    totpEnrolled: Boolean(enrolled),
  };
}

export async function recordSuccessfulSignIn(db: DbOrTx, id: number, at: number) {
  await db.update(staff).set({ lastSignInAt: at }).where(eq(staff.id, id));
}

/** Stores the TOTP step just accepted, only if it is later than the stored one; false when another request took it. */
export async function acceptTotpStep(db: DbOrTx, id: number, step: number): Promise<boolean> {
  const result = await db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))));
  return changedRows(result) === 1;
}

/** Sets a first authenticator, only while the member has none; false when one is already there. */
export async function enrolTotp(
  db: DbOrTx,
  id: number,
  secret: string,
  acceptedStep: number,
): Promise<boolean> {
  const result = await db
    .update(staff)
    .set({ totpSecret: secret, totpLastStep: acceptedStep })
    .where(and(eq(staff.id, id), isNull(staff.totpSecret)));
  return changedRows(result) === 1;
}

export async function insertStaff(
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
): Promise<Staff> {
  return (await firstRow(db.insert(staff).values(values).returning()))!;
}

export async function updateStaff(
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
  await db.update(staff).set(values).where(eq(staff.id, id));
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
export async function countOtherActiveSupervisors(db: DbOrTx, exceptId: number): Promise<number> {
  return (
    (
      await firstRow(
        db
          .select({ n: count() })
          .from(staff)
          .where(and(eq(staff.role, 'supervisor'), eq(staff.disabled, false), ne(staff.id, exceptId)))
          .limit(1),
      )
    )?.n ?? 0
  );
}

/**
 * Ends every session of the member at once, signed in or half-way through the TOTP step: the session rows
 * go, so the next request with their cookie is a stranger's. Answers how many ended.
 */
export async function endSessionsOf(db: DbOrTx, staffId: number): Promise<number> {
  const signedIn = isPg(db)
    ? sql`(${sessions.data}::jsonb #> '{passport,user}') = to_jsonb(${staffId}::integer)`
    : sql`json_extract(${sessions.data}, '$.passport.user') = ${staffId}`;
  const halfWay = isPg(db)
    ? sql`(${sessions.data}::jsonb #> '{pendingMfa,staffId}') = to_jsonb(${staffId}::integer)`
    : sql`json_extract(${sessions.data}, '$.pendingMfa.staffId') = ${staffId}`;
  return changedRows(await db.delete(sessions).where(or(signedIn, halfWay)));
}

/** What a username may be: the staff CLI and POST /api/staff check the same. */
export const STAFF_USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;

/** `text` anywhere in the column, whatever its case: SQLite's LIKE ignores case, PostgreSQL's ILIKE does. */
const containing = (db: DbOrTx, column: AnyColumn, text: string) =>
  (isPg(db) ? ilike : like)(column, `%${text}%`);

export async function listStaff(
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
): Promise<{ rows: StaffView[]; total: number }> {
  const where = and(
    q.ids ? inArray(staff.id, q.ids) : undefined,
    q.q ? or(containing(db, staff.username, q.q), containing(db, staff.fullName, q.q)) : undefined,
    q.role ? eq(staff.role, q.role) : undefined,
    q.disabled === undefined ? undefined : eq(staff.disabled, q.disabled),
  );
  const rows = await db
    .select(publicColumns)
    .from(staff)
    .where(where)
    .orderBy(q.order === 'desc' ? desc(staff.username) : asc(staff.username))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(staff).where(where).limit(1)))?.n ?? 0;
  return { rows, total };
}
