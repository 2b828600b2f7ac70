-- Chinese in the trail's free text (audit/auditWords.ts): the word index read a spaceless run such as
-- "客户来电要求解冻" as one word, so a search for 解冻 found nothing. The index now reads each reason through
-- audit_words(), the app's function (registered on every connection that writes or rebuilds it), which adds
-- each run's characters and overlapping pairs. Its content is a view of the trail with the reason so read, so
-- a rebuild and FTS5's integrity check see what the trigger indexed. Append-only as before: inserts only.
DROP TRIGGER `audit_events_fts_insert`;
--> statement-breakpoint
DROP TABLE `audit_events_fts`;
--> statement-breakpoint
CREATE VIEW `audit_events_words` AS
  SELECT id, audit_words(reason) AS reason, actor_username, action, target_id FROM audit_events;
--> statement-breakpoint
CREATE VIRTUAL TABLE `audit_events_fts` USING fts5(
  reason,
  actor_username,
  action,
  target_id,
  content='audit_events_words',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  detail=none
);
--> statement-breakpoint
CREATE TRIGGER audit_events_fts_insert AFTER INSERT ON audit_events
BEGIN
  INSERT INTO audit_events_fts(rowid, reason, actor_username, action, target_id)
  VALUES (new.id, audit_words(new.reason), new.actor_username, new.action, new.target_id);
END;
--> statement-breakpoint
INSERT INTO audit_events_fts(audit_events_fts) VALUES ('rebuild');
