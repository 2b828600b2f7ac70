-- The audit list's free-text filter on PostgreSQL finds what SQLite's FTS5 finds: the 'simple' parser
-- keeps "account.lookup", "staff.sign_in" or "a@b.example" as one word, so "lookup" or "sign" found
-- nothing, while FTS5 splits them. The text is indexed with those separators turned into spaces; the
-- expression is server/src/db/pgSearch.ts auditEventWords, word for word.
DROP INDEX IF EXISTS audit_events_words;
--> statement-breakpoint
CREATE INDEX audit_events_words ON audit_events USING gin (
  to_tsvector('simple', translate(coalesce(reason, '') || ' ' || coalesce(actor_username, '') || ' ' || action || ' ' || coalesce(target_id, ''), '._-:/@', '      '))
);
