-- The word index now covers the name as written (name_key) and as a Latin keyboard spells it
-- (name_latin: pinyin, transliteration), so "王" alone, "小明" alone and "Wang" alone are index
-- lookups. Recreated with the new column; triggers as before, now also on name_latin.
DROP TRIGGER IF EXISTS accounts_name_fts_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS accounts_name_fts_delete;
--> statement-breakpoint
DROP TRIGGER IF EXISTS accounts_name_fts_update;
--> statement-breakpoint
DROP TABLE IF EXISTS accounts_name_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE `accounts_name_fts` USING fts5(
  name_key,
  name_latin,
  content='accounts',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  detail=none
);
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_insert AFTER INSERT ON accounts
BEGIN
  INSERT INTO accounts_name_fts(rowid, name_key, name_latin) VALUES (new.id, new.name_key, new.name_latin);
END;
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_delete AFTER DELETE ON accounts
BEGIN
  INSERT INTO accounts_name_fts(accounts_name_fts, rowid, name_key, name_latin)
    VALUES ('delete', old.id, old.name_key, old.name_latin);
END;
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_update AFTER UPDATE OF name_key, name_latin ON accounts
BEGIN
  INSERT INTO accounts_name_fts(accounts_name_fts, rowid, name_key, name_latin)
    VALUES ('delete', old.id, old.name_key, old.name_latin);
  INSERT INTO accounts_name_fts(rowid, name_key, name_latin) VALUES (new.id, new.name_key, new.name_latin);
END;
--> statement-breakpoint
INSERT INTO accounts_name_fts(accounts_name_fts) VALUES ('rebuild');
--> statement-breakpoint
-- Name forms are computed in TypeScript (opencc-js, pinyin-pro), so existing rows are rewritten by
-- server/src/db/backfills.ts right after migrating; this row asks for it and records how far it got.
CREATE TABLE IF NOT EXISTS `pending_backfills` (
  `name` text PRIMARY KEY NOT NULL,
  `after_id` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `pending_backfills` (`name`) VALUES ('account_name_forms');
