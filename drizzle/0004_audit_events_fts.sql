-- Word index for the audit list's free-text filter (reason, who, what, on which target), so a search is an
-- index lookup rather than LIKE '%…%' over millions of rows. External content: the words live in
-- audit_events; the trail is append-only (its triggers refuse UPDATE and DELETE), so only inserts need
-- mirroring. detail=none keeps the index small: the filter asks "which rows hold these words", nothing more.
CREATE VIRTUAL TABLE `audit_events_fts` USING fts5(
  reason,
  actor_username,
  action,
  target_id,
  content='audit_events',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  detail=none
);
--> statement-breakpoint
CREATE TRIGGER audit_events_fts_insert AFTER INSERT ON audit_events
BEGIN
  INSERT INTO audit_events_fts(rowid, reason, actor_username, action, target_id)
  VALUES (new.id, new.reason, new.actor_username, new.action, new.target_id);
END;
--> statement-breakpoint
INSERT INTO audit_events_fts(audit_events_fts) VALUES ('rebuild');
