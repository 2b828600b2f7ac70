import type Database from 'better-sqlite3';
import { redactSecrets, SECRET_TEMPLATES } from '../messages/templates';
import { nameForms } from '../policy/normalize';

/**
 * Data migrations that need TypeScript (a migration's SQL cannot read pinyin): a migration adds a
 * row to pending_backfills, and the first open after it rewrites the existing rows in batches,
 * recording how far it got, so an interrupted run resumes instead of starting over.
 */

const BATCH = 2_000;

type NameRow = {
  id: number;
  full_name: string;
  name_key: string;
  name_latin: string | null;
  name_latin_key: string | null;
};

/** Recomputes name_key (one script for Chinese), name_latin and name_latin_key of every account. */
function backfillAccountNameForms(sqlite: Database.Database, afterId: number, onBatch: (id: number) => void) {
  const read = sqlite.prepare<[number, number], NameRow>(
    'SELECT id, full_name, name_key, name_latin, name_latin_key FROM accounts WHERE id > ? ORDER BY id LIMIT ?',
  );
  const write = sqlite.prepare(
    'UPDATE accounts SET name_key = ?, name_latin = ?, name_latin_key = ? WHERE id = ?',
  );
  let last = afterId;
  for (;;) {
    const rows = read.all(last, BATCH);
    if (!rows.length) return;
    sqlite.transaction(() => {
      for (const row of rows) {
        const forms = nameForms(row.full_name);
        const same =
          forms.nameKey === row.name_key &&
          forms.nameLatin === row.name_latin &&
          forms.nameLatinKey === row.name_latin_key;
        if (!same) write.run(forms.nameKey, forms.nameLatin, forms.nameLatinKey, row.id);
      }
      last = rows.at(-1)!.id;
      onBatch(last);
    })();
  }
}

type MessageRow = { id: number; body: string; status: string; next_attempt_at: number | null };

export const SECRET_REMOVED_ERROR = 'Its link or code was removed from storage: resend issues a fresh one';

/**
 * Messages stored before sealed bodies (migration 0015) held their links and codes in plain text: each
 * body is redacted, and one still waiting to be sent is given up on (failed, no retry), since sending
 * it would mean keeping its secret; the agent's Resend issues a fresh link or code.
 */
function backfillMessageSecrets(sqlite: Database.Database, afterId: number, onBatch: (id: number) => void) {
  const templates = SECRET_TEMPLATES.map(() => '?').join(', ');
  const read = sqlite.prepare<unknown[], MessageRow>(
    `SELECT id, body, status, next_attempt_at FROM messages WHERE id > ? AND sealed_body IS NULL AND template IN (${templates}) ORDER BY id LIMIT ?`,
  );
  const redact = sqlite.prepare('UPDATE messages SET body = ? WHERE id = ?');
  const giveUp = sqlite.prepare(
    "UPDATE messages SET body = ?, status = 'failed', next_attempt_at = NULL, last_error = ? WHERE id = ?",
  );
  let last = afterId;
  for (;;) {
    const rows = read.all(last, ...SECRET_TEMPLATES, BATCH);
    if (!rows.length) return;
    sqlite.transaction(() => {
      for (const row of rows) {
        const body = redactSecrets(row.body);
        const waiting = row.status === 'queued' || row.next_attempt_at !== null;
        if (waiting) giveUp.run(body, SECRET_REMOVED_ERROR, row.id);
        else if (body !== row.body) redact.run(body, row.id);
      }
      last = rows.at(-1)!.id;
      onBatch(last);
    })();
  }
}

const BACKFILLS: Record<string, typeof backfillAccountNameForms> = {
  account_name_forms: backfillAccountNameForms,
  message_secrets: backfillMessageSecrets,
};

export function runPendingBackfills(sqlite: Database.Database) {
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pending_backfills'")
    .get();
  if (!exists) return;
  const pending = sqlite
    .prepare<[], { name: string; after_id: number }>(
      'SELECT name, after_id FROM pending_backfills ORDER BY name',
    )
    .all();
  const progress = sqlite.prepare('UPDATE pending_backfills SET after_id = ? WHERE name = ?');
  const done = sqlite.prepare('DELETE FROM pending_backfills WHERE name = ?');
  for (const { name, after_id } of pending) {
    const backfill = BACKFILLS[name];
    if (!backfill) throw new Error(`unknown backfill ${name}: is this build older than the database?`);
    backfill(sqlite, after_id, (id) => progress.run(id, name));
    done.run(name);
  }
}
