-- The audit list filtered by outcome "denied" or "error", newest first (issue 9). audit_events_outcome
-- (outcome, at) holds no id, so the list's (at, id) order is an incremental sort over it, and the planner
-- walked audit_events_at instead, testing every row: denied events are 6% of the trail, which it took to be
-- spread evenly, but the newest 64,650 rows of the bench trail held none (54-90 ms at 2,064,185 events).
-- This index ends with id as SQLite's ends with the rowid, so the list reads the page's ids from it alone
-- (an index-only scan, server/src/audit/auditRepo.ts) and fetches those 25 rows: 0.4 ms. Successes (93%
-- of the trail) are left out: the time index answers them at once, and the index stays small.
-- PostgreSQL only (SQLite's index already ends with the rowid), so it is not declared in pgSchema.ts.
CREATE INDEX IF NOT EXISTS audit_events_outcome_other ON audit_events (outcome, at, id) WHERE outcome <> 'success';
