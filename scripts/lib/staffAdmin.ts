import { eq } from 'drizzle-orm';
import { appendAudit } from '../../server/src/audit/writer';
import { type DbHandle, inTransaction } from '../../server/src/db/client';
import { firstRow, rawGet } from '../../server/src/db/rows';
import { type StaffRole, staff } from '../../server/src/db/tables';
import { AppError } from '../../server/src/http/errors';
import type { Keys } from '../../server/src/keys';
import { hashPassword } from '../../server/src/shared/passwords';
import { MIN_STAFF_PASSWORD } from '../../server/src/staff/passwordChange';
import { disableStaff } from '../../server/src/staff/staffLifecycle';
import {
  findStaffByUsername,
  insertStaff,
  listStaff,
  type StaffView,
} from '../../server/src/staff/staffRepo';
import { CLI_ACTOR, CliError, cliAuditContext } from './cli';

/** Staff administration from the command line (staff CLI and the seed's demo staff), always audited. */

export { MIN_STAFF_PASSWORD };

export type NewStaffMember = {
  username: string;
  fullName: string;
  role: StaffRole;
  password: string;
  totpSecret: string | null;
};

export async function createStaffMember(
  handle: DbHandle,
  keys: Keys,
  tool: string,
  member: NewStaffMember,
  passwordHash?: string,
) {
  if (member.password.length < MIN_STAFF_PASSWORD) {
    throw new CliError(`the password must be at least ${MIN_STAFF_PASSWORD} characters`);
  }
  const hash = passwordHash ?? (await hashPassword(member.password));
  return inTransaction(handle.db, async (tx) => {
    if (await findStaffByUsername(tx, member.username))
      throw new CliError(`username "${member.username}" is taken`);
    const created = await insertStaff(tx, { ...member, passwordHash: hash });
    await appendAudit(tx, cliAuditContext(keys, tool), {
      action: 'staff.create',
      outcome: 'success',
      actorUsername: CLI_ACTOR,
      targetType: 'staff',
      targetId: created.id,
      details: { username: created.username, role: created.role, totp: created.totpSecret !== null },
    });
    return created;
  });
}

/** The same step as a supervisor's disable (server/src/staff/staffLifecycle.ts): the desk keeps a supervisor. */
export async function disableStaffMember(
  handle: Pick<DbHandle, 'db'>,
  keys: Keys,
  tool: string,
  username: string,
) {
  const found = await findStaffByUsername(handle.db, username);
  if (!found) throw new CliError(`no staff member "${username}"`);
  if (found.disabled) throw new CliError(`"${username}" is already disabled`);
  const admin = {
    deps: { db: handle.db, keys, now: Date.now },
    ctx: cliAuditContext(keys, tool),
    actor: null,
    operator: CLI_ACTOR,
  };
  try {
    await disableStaff(admin, found.id, `disabled with the ${tool} command-line tool`);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  return found;
}

export async function allStaff(handle: Pick<DbHandle, 'db'>): Promise<StaffView[]> {
  const { n } = (await rawGet<{ n: number }>(handle.db, 'SELECT count(*) AS n FROM staff'))!;
  return (await listStaff(handle.db, { offset: 0, limit: Math.max(n, 1) })).rows;
}

export async function staffExists(handle: Pick<DbHandle, 'db'>, username: string): Promise<boolean> {
  const found = await firstRow(
    handle.db.select({ id: staff.id }).from(staff).where(eq(staff.username, username)).limit(1),
  );
  return found !== undefined;
}
