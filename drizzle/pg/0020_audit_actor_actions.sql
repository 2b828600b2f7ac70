-- A staff member's last actions (agent dashboard, dashboardRepo.ts myLastActions) leave out what they read.
-- Through audit_events_actor, an agent with 700,000 recent lookups had all of them walked to find 20
-- actions: 196 ms at 2,783,191 events, on SQLite's one event loop. Partial, with the query's condition word
-- for word (schema.ts NOT_READING_ACTION), so it holds only actions and lookups never write to it.
CREATE INDEX "audit_events_actor_actions" ON "audit_events" USING btree ("actor_id","at") WHERE action NOT IN ('account.view', 'account.lookup', 'staff.sign_in', 'staff.sign_out', 'staff.mfa', 'access.denied');