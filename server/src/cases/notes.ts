import { appendAudit } from '../audit/writer';
import { commitThenRefuse } from '../db/commitThenRefuse';
import { AppError } from '../http/errors';
import type { Caller } from '../staff/actor';
import { caseFor } from './caseAccess';
import { type NoteView, presentNote } from './caseView';
import { insertNote, listNotes, type NoteListQuery, notesOf } from './noteRepo';

/**
 * A note on a case by its owner (docs/design.md, Case notes). The text was already refused if it
 * looked like a secret (see the route's schema); the audit row records that a note was added and its
 * length, never its text: the trail is exported and read far more widely than the case.
 */
export async function addNote(c: Caller, caseId: number, text: string): Promise<NoteView> {
  const { deps, ctx, actor } = c;
  const now = deps.now();
  const id = await commitThenRefuse(deps.db, async (tx): Promise<number | AppError> => {
    const kase = await caseFor(tx, actor, caseId, 'act');
    const audit = { action: 'case.note', targetType: 'case', targetId: caseId, caseId } as const;
    if (kase instanceof AppError) {
      await appendAudit(tx, ctx, {
        ...audit,
        outcome: 'denied',
        details: { missing: kase.extra.missing ?? [] },
      });
      return kase;
    }
    const note = await insertNote(tx, {
      caseId,
      accountId: kase.accountId,
      authorId: actor.id,
      text,
      at: now,
    });
    await appendAudit(tx, ctx, {
      ...audit,
      outcome: 'success',
      details: { noteId: note.id, length: text.length },
    });
    return note.id;
  });
  const written = (await notesOf(deps.db, caseId)).find((n) => n.id === id)!;
  return presentNote(written);
}

/** Notes across cases for the account timeline: a non-supervisor gets those of the cases they may read. */
export async function findNotes({ deps, actor }: Caller, q: Omit<NoteListQuery, 'onlyVisibleTo'>) {
  const onlyVisibleTo = actor.role === 'supervisor' ? undefined : actor.id;
  const { rows, total } = await listNotes(deps.db, { ...q, onlyVisibleTo });
  return { rows: rows.map(presentNote), total };
}
