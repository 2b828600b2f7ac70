-- Counts the trail written before audit_daily_counts existed; from now on the audit writer counts each
-- event in its own transaction (server/src/audit/dailyCounts.ts: the same day, actor and subject rules).
INSERT INTO audit_daily_counts (day, action, outcome, actor_id, subject, count)
SELECT at / 86400000, action, outcome, coalesce(actor_id, 0),
  CASE WHEN action = 'account.unlock' THEN coalesce(json_extract(details, '$.before.lockReason'), '') ELSE '' END,
  count(*)
FROM audit_events
GROUP BY 1, 2, 3, 4, 5;
