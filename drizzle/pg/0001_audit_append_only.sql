-- The audit trail is append-only (docs/design.md, Audit chain): no code path, and nobody with the
-- app's rights, may rewrite history. Case notes and hand-offs likewise (docs/design.md, Case notes).
-- Row triggers refuse UPDATE and DELETE; a statement trigger refuses TRUNCATE, which row triggers
-- never see.
CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER case_notes_no_update_delete BEFORE UPDATE OR DELETE ON case_notes
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER case_notes_no_truncate BEFORE TRUNCATE ON case_notes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER case_handoffs_no_update_delete BEFORE UPDATE OR DELETE ON case_handoffs
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER case_handoffs_no_truncate BEFORE TRUNCATE ON case_handoffs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- The head of the hash chain, one row: every append locks it (SELECT ... FOR UPDATE), so appenders in
-- several server processes take turns and each chains from the row before it
-- (server/src/audit/pgAppend.ts). last_id is the newest row, hash its hash (64 zeros before any).
CREATE TABLE audit_chain_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_id bigint,
  hash text NOT NULL
);
--> statement-breakpoint
INSERT INTO audit_chain_head (id, last_id, hash) VALUES (1, NULL, repeat('0', 64));
--> statement-breakpoint
-- Two rows chained from one previous hash are a fork: refused by the database itself, whatever the
-- code does.
CREATE UNIQUE INDEX audit_events_prev_hash ON audit_events (prev_hash);
--> statement-breakpoint
-- The role the console servers run as (GRANT recovery_desk_app TO <login role>): everything on the
-- domain tables, but only INSERT and SELECT on the append-only ones, and it owns nothing, so it cannot
-- drop or disable a trigger either. Roles belong to the cluster: created once, granted per database.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'recovery_desk_app') THEN
    CREATE ROLE recovery_desk_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO recovery_desk_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO recovery_desk_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO recovery_desk_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, case_notes, case_handoffs FROM recovery_desk_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM recovery_desk_app;
--> statement-breakpoint
-- Tables later migrations create get the same rights; an append-only one revokes its own.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO recovery_desk_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO recovery_desk_app;
