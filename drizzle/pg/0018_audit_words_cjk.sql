-- Chinese in the trail's free text, as on SQLite (drizzle/0025_audit_words_cjk.sql, server/src/db/auditWords.ts):
-- a reason's spaceless runs (Han, kana) are indexed as their characters and overlapping pairs, so a search
-- for 解冻 finds "客户来电要求解冻". The same code point ranges and the same NFKC as the app's indexedReason.
-- The word index is 0017's (the block of 4,096 ids first, then the words) with the reason read through this
-- function; its expressions are server/src/db/pgSearch.ts auditEventWords and auditRepo.ts AUDIT_WORD_BLOCK,
-- word for word. As in 0017, a trail of more than a few thousand events is analysed so the new index's
-- words have statistics (the list chooses how it reads by them).
-- fastupdate off: GIN's default keeps new entries in a pending list that every search reads whole, and the
-- list walks the index block by block, so each of its ~60 probes read it again. At 2,236,004 events, 5,000
-- events appended since the last VACUUM made "unlocking" take 80-90 ms a list instead of 9.5 (the bench's
-- lookups append that many before its audit rows). Off, each event enters the index at once; bulk inserts
-- measured the same within noise (57-98 µs a row with the list, 72-92 without).
CREATE FUNCTION audit_reason_words(reason text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  folded text := normalize(reason, NFKC);
  spaceless constant text := '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]';
  result text := '';
  run text[] := '{}';
  c text;
  i int;
BEGIN
  IF folded !~ spaceless THEN
    RETURN folded;
  END IF;
  -- A trailing space flushes the last run.
  FOREACH c IN ARRAY regexp_split_to_array(folded || ' ', '') LOOP
    IF c ~ spaceless THEN
      run := run || c;
    ELSE
      IF cardinality(run) > 0 THEN
        result := result || ' ' || array_to_string(run, ' ');
        FOR i IN 1 .. cardinality(run) - 1 LOOP
          result := result || ' ' || run[i] || run[i + 1];
        END LOOP;
        result := result || ' ';
        run := '{}';
      END IF;
      result := result || c;
    END IF;
  END LOOP;
  RETURN left(result, -1);
END;
$$;
--> statement-breakpoint
DROP INDEX IF EXISTS audit_events_words;
--> statement-breakpoint
CREATE INDEX audit_events_words ON audit_events USING gin (
  (id / 4096),
  to_tsvector('simple', translate(coalesce(audit_reason_words(reason), '') || ' ' || coalesce(actor_username, '') || ' ' || action || ' ' || coalesce(target_id, ''), '._-:/@', '      '))
) WITH (fastupdate = off);
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_events OFFSET 9999) THEN
    ANALYZE audit_events;
  END IF;
END
$$;
