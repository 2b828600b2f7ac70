import type { DbOrTx } from '../db/client';
import { rawAll } from '../db/rows';
import type { AuditEvent } from '../db/schema';
import { maskName } from '../policy/mask';

/**
 * How the trail, its CSV and the dashboards name who and what (docs/design.md, Readable trail): a customer
 * as account number and masked name (王** / J*** N****, never the full name), a staff member by full name.
 * Each helper is a handful of primary-key seeks for one page of rows.
 */

export type AccountLabel = { accountId: number; accountNumber: string; maskedName: string };
export type StaffName = { id: number; username: string; fullName: string; role: string };

/**
 * Placeholder counts are rounded up to a power of two (padded with 0, which matches no row): a batch's
 * distinct ids vary in number, and each count was another statement to prepare and cache (db/prepared.ts)
 * on every batch of an export.
 */
function paddedIds(ids: Iterable<number>): number[] {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (unique.length === 0) return unique;
  let size = 1;
  while (size < unique.length) size *= 2;
  for (let i = unique.length; i < size; i++) unique.push(0);
  return unique;
}

const byIds = async <R>(db: DbOrTx, sql: (marks: string) => string, ids: Iterable<number>): Promise<R[]> => {
  const padded = paddedIds(ids);
  if (padded.length === 0) return [];
  return rawAll<R>(db, sql(padded.map(() => '?').join(',')), padded);
};

/** Stars after a word's first character, by the word's length (maskName: one fewer than its characters, at least one). */
const STARS = Array.from({ length: 64 }, (_, length) => '*'.repeat(Math.max(length - 1, 1)));
const starsFor = (length: number) => STARS[length] ?? '*'.repeat(length - 1);

/** Characters that are neither whitespace nor half a surrogate pair: ASCII, Latin-1 and Latin Extended-A/B letters, CJK, Hangul. */
const plainNameChar = (c: number) =>
  (c > 32 && c < 127) ||
  (c >= 0xc0 && c <= 0x24f) ||
  (c >= 0x3400 && c <= 0x9fff) ||
  (c >= 0xac00 && c <= 0xd7a3);

/**
 * maskName's answer without its regex and arrays, for the common names (plain characters, one space between
 * words): the export masks one name per row, millions of them. Any other name goes to maskName itself.
 */
export function maskedName(fullName: string): string {
  let masked = '';
  let wordLength = 0;
  for (let i = 0; i < fullName.length; i++) {
    const c = fullName.charCodeAt(i);
    if (c === 32 && wordLength > 0) {
      masked += `${starsFor(wordLength)} `;
      wordLength = 0;
    } else if (plainNameChar(c)) {
      if (wordLength === 0) masked += fullName[i];
      wordLength++;
    } else return maskName(fullName);
  }
  // Empty, or ending in a space: maskName trims.
  return wordLength > 0 ? masked + starsFor(wordLength) : maskName(fullName);
}

/** Account number and masked name of each account id: how the trail and the dashboards name a target. */
export async function accountLabels(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, AccountLabel>> {
  const rows = await byIds<{ id: number; accountNumber: string; fullName: string }>(
    db,
    (marks) =>
      `SELECT id, account_number AS accountNumber, full_name AS fullName FROM accounts WHERE id IN (${marks})`,
    ids,
  );
  return new Map(
    rows.map((a) => [
      a.id,
      { accountId: a.id, accountNumber: a.accountNumber, maskedName: maskName(a.fullName) },
    ]),
  );
}

/** Staff members by id (the staff table is small; each is one seek). */
export async function staffNames(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, StaffName>> {
  const rows = await byIds<StaffName>(
    db,
    (marks) => `SELECT id, username, full_name AS fullName, role FROM staff WHERE id IN (${marks})`,
    ids,
  );
  return new Map(rows.map((s) => [s.id, s]));
}

/** The account an audited action concerns: its target when that is an account, else its case's account. */
export async function actionAccounts(
  db: DbOrTx,
  rows: Pick<AuditEvent, 'id' | 'targetType' | 'targetId' | 'caseId'>[],
): Promise<Map<number, number>> {
  const viaCase: number[] = [];
  for (const r of rows) if (r.targetType !== 'account' && r.caseId !== null) viaCase.push(r.caseId);
  const caseAccount = new Map<number, number>();
  if (viaCase.length) {
    const cases = await byIds<{ id: number; accountId: number }>(
      db,
      (marks) => `SELECT id, account_id AS accountId FROM cases WHERE id IN (${marks})`,
      viaCase,
    );
    for (const c of cases) caseAccount.set(c.id, c.accountId);
  }
  const out = new Map<number, number>();
  for (const r of rows) {
    const id =
      r.targetType === 'account' ? Number(r.targetId) : r.caseId ? caseAccount.get(r.caseId) : undefined;
    if (id) out.set(r.id, id);
  }
  return out;
}

/** An audit row as people read it: who by name, which customer by number and masked name, which staff target. */
export type LabelledAuditEvent = AuditEvent & {
  /** The actor's full name; null for the system, a customer or a typed-in username that matched nobody. */
  actorName: string | null;
  /** The customer the action concerns (its target, or its case's account). */
  account: AccountLabel | null;
  /** A staff target's full name. */
  targetName: string | null;
};

const staffTarget = (r: AuditEvent) => (r.targetType === 'staff' ? Number(r.targetId) : 0);

/**
 * Labels rows the caller owns in place and answers them as labelled: the whole-trail export labels
 * millions of rows, and copying each one ({...row}) was a large share of its time (issue 9 profile).
 */
export async function labelInPlace(db: DbOrTx, rows: AuditEvent[]): Promise<LabelledAuditEvent[]> {
  const accountOf = await actionAccounts(db, rows);
  const accounts = await accountLabels(db, accountOf.values());
  const staffIds = new Set<number>();
  for (const r of rows) {
    if (r.actorId) staffIds.add(r.actorId);
    const target = staffTarget(r);
    if (target > 0) staffIds.add(target);
  }
  const staff = await staffNames(db, staffIds);
  const labelled = rows as LabelledAuditEvent[];
  for (const r of labelled) {
    r.actorName = r.actorId ? (staff.get(r.actorId)?.fullName ?? null) : null;
    r.account = accounts.get(accountOf.get(r.id) ?? 0) ?? null;
    r.targetName = staff.get(staffTarget(r))?.fullName ?? null;
  }
  return labelled;
}

export async function labelAuditEvents(db: DbOrTx, rows: AuditEvent[]): Promise<LabelledAuditEvent[]> {
  return labelInPlace(
    db,
    rows.map((r) => ({ ...r })),
  );
}
