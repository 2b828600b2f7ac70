import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { firstRow } from '../db/rows';
import { type CaseNote, caseNotes, cases, staff } from '../db/tables';
import { visibleTo } from './caseRepo';

export async function insertNote(
  tx: DbOrTx,
  values: { caseId: number; accountId: number; authorId: number; text: string; at: number },
): Promise<CaseNote> {
  const { at, ...rest } = values;
  return (await firstRow(
    tx
      .insert(caseNotes)
      .values({ ...rest, createdAt: at })
      .returning(),
  ))!;
}

const noteColumns = {
  id: caseNotes.id,
  caseId: caseNotes.caseId,
  accountId: caseNotes.accountId,
  authorId: caseNotes.authorId,
  authorUsername: staff.username,
  authorName: staff.fullName,
  text: caseNotes.text,
  createdAt: caseNotes.createdAt,
};
export type NoteRow = CaseNote & { authorUsername: string; authorName: string };

/** A case's notes, oldest first (they read as the story of the call), with their authors' names. */
export async function notesOf(db: DbOrTx, caseId: number): Promise<NoteRow[]> {
  return db
    .select(noteColumns)
    .from(caseNotes)
    .innerJoin(staff, eq(staff.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, caseId))
    .orderBy(asc(caseNotes.id));
}

export type NoteListQuery = {
  accountId?: number[];
  caseId?: number[];
  /** A non-supervisor's id: only notes of the cases they may read, ANDed with every filter. */
  onlyVisibleTo?: number;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

/** Notes across cases, newest first by default: the account timeline reads them by account. */
export async function listNotes(db: DbOrTx, q: NoteListQuery): Promise<{ rows: NoteRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (q.accountId) conditions.push(inArray(caseNotes.accountId, q.accountId));
  if (q.caseId) conditions.push(inArray(caseNotes.caseId, q.caseId));
  if (q.onlyVisibleTo !== undefined) {
    const readable = db.select({ id: cases.id }).from(cases).where(visibleTo(q.onlyVisibleTo));
    conditions.push(inArray(caseNotes.caseId, readable));
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select(noteColumns)
    .from(caseNotes)
    .innerJoin(staff, eq(staff.id, caseNotes.authorId))
    .where(where)
    .orderBy(q.order === 'asc' ? asc(caseNotes.createdAt) : desc(caseNotes.createdAt), desc(caseNotes.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await firstRow(db.select({ n: count() }).from(caseNotes).where(where).limit(1)))?.n ?? 0;
  return { rows, total };
}
