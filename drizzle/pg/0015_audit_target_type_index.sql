-- The audit list's "Target type" filter alone, newest first (as drizzle/0024_audit_target_type_index.sql).
CREATE INDEX "audit_events_target_type" ON "audit_events" USING btree ("target_type","at");