-- Name search on PostgreSQL, the counterpart of SQLite's FTS5 tables (drizzle/0006, 0004): words
-- (to_tsvector 'simple': no stemming, no stop words; a name is not English prose) and trigrams
-- (pg_trgm) for partial spellings. The expressions are those of server/src/db/pgSearch.ts, which the
-- queries must use word for word for the planner to pick these indexes (server/test/pg/pg-schema.test.ts
-- holds them to it with EXPLAIN).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX accounts_name_words ON accounts
  USING gin (to_tsvector('simple', name_key || ' ' || coalesce(name_latin, '')));
--> statement-breakpoint
CREATE INDEX accounts_name_key_trgm ON accounts USING gin (name_key gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX audit_events_words ON audit_events USING gin (
  to_tsvector('simple', coalesce(reason, '') || ' ' || coalesce(actor_username, '') || ' ' || action || ' ' || coalesce(target_id, ''))
);
