-- Word index over accounts.name_key (already folded by policy/normalize.ts: NFKC, lower case, no accents),
-- so a partial name ("Núñez" alone) is an index lookup, not a scan. External content: the words live in
-- accounts; the triggers keep the index in step with every insert, rename and delete.
CREATE VIRTUAL TABLE `accounts_name_fts` USING fts5(
  name_key,
  content='accounts',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  detail=none
);
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_insert AFTER INSERT ON accounts
BEGIN
  INSERT INTO accounts_name_fts(rowid, name_key) VALUES (new.id, new.name_key);
END;
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_delete AFTER DELETE ON accounts
BEGIN
  INSERT INTO accounts_name_fts(accounts_name_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);
END;
--> statement-breakpoint
CREATE TRIGGER accounts_name_fts_update AFTER UPDATE OF name_key ON accounts
BEGIN
  INSERT INTO accounts_name_fts(accounts_name_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);
  INSERT INTO accounts_name_fts(rowid, name_key) VALUES (new.id, new.name_key);
END;
--> statement-breakpoint
INSERT INTO accounts_name_fts(accounts_name_fts) VALUES ('rebuild');
