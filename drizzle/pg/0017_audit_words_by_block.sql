-- The audit list's free text, newest first, on PostgreSQL (issue 9). A GIN index hands over a word's
-- every row at once, in no useful order: for a word common in older events but absent from the newest
-- ones ("unlocking": 127,651 events, none among the newest 166,506 of 2,166,474) reading it costs every
-- posting (20-30 ms for the bitmap alone, 0.2-0.3 s with the rows), and the planner's other plan, the
-- primary key newest first computing each row's words, took 0.7-4 s. The word index now also holds each
-- event's block of 4,096 ids (`id / 4096`, btree_gin): "these words in this block" is answered by GIN
-- skipping through the words' postings to that block, 20-70 µs for a block without them, so the list
-- walks blocks newest first and stops once its page and capped count are found (server/src/audit/
-- auditRepo.ts pgWordWalk). The block is the first column: GIN tries its keys in column order, and with
-- the words first, two words that never meet ("view unlocking") were searched for through their whole
-- posting lists in every block (6.5 s a list; 90 ms with the block first). Words alone use this index as
-- they used the one it replaces. The expressions are server/src/db/pgSearch.ts auditEventWords and
-- auditRepo.ts AUDIT_WORD_BLOCK, word for word. btree_gin ships with PostgreSQL (contrib) and is a trusted
-- extension, as pg_trgm is (0002). At 2,166,474 events the index is 73 MB (59 MB before) and took 23 s
-- to build; an event costs about 1 µs more to write (12 -> 13 µs a row in batches of 1,000). The list
-- asks the planner's statistics of the words (which are common) to choose how it reads: a new index has
-- none until audit_events is next analysed, which autovacuum does after a tenth of the trail is new
-- (200,000 events at two million), and without them every word passed for rare, "unlocking" included
-- (its 127,651 postings read at once, 70-140 ms, instead of 45 blocks walked). So a trail of more than a
-- few thousand events is analysed here; a new or small one is left to autovacuum, as before (analysed
-- empty, the planner would take a new database's table for empty and scan it).
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
DROP INDEX IF EXISTS audit_events_words;
--> statement-breakpoint
CREATE INDEX audit_events_words ON audit_events USING gin (
  (id / 4096),
  to_tsvector('simple', translate(coalesce(reason, '') || ' ' || coalesce(actor_username, '') || ' ' || action || ' ' || coalesce(target_id, ''), '._-:/@', '      '))
);
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_events OFFSET 9999) THEN
    ANALYZE audit_events;
  END IF;
END
$$;
