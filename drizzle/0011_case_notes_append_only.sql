-- Cases opened before ownership existed belong to their opener (SQLite cannot add a NOT NULL reference).
UPDATE cases SET owner_id = opened_by WHERE owner_id IS NULL;
--> statement-breakpoint
-- Notes are never edited or deleted: a correction is a new note (docs/design.md, Case notes).
CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes
BEGIN
  SELECT RAISE(ABORT, 'case_notes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_notes_no_delete BEFORE DELETE ON case_notes
BEGIN
  SELECT RAISE(ABORT, 'case_notes is append-only');
END;
--> statement-breakpoint
-- Hand-offs are the ownership history the access rules read: rewriting one would grant or hide access.
CREATE TRIGGER case_handoffs_no_update BEFORE UPDATE ON case_handoffs
BEGIN
  SELECT RAISE(ABORT, 'case_handoffs is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_handoffs_no_delete BEFORE DELETE ON case_handoffs
BEGIN
  SELECT RAISE(ABORT, 'case_handoffs is append-only');
END;
