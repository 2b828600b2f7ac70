-- Messages written before sealed bodies kept their links and codes in plain text (issue 7 finding 3).
-- db/backfills.ts (message_secrets) redacts them; a queued one is given up on (a resend issues a fresh
-- link or code), since its secret can no longer be sent without being kept.
CREATE TABLE IF NOT EXISTS `pending_backfills` (
  `name` text PRIMARY KEY NOT NULL,
  `after_id` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `pending_backfills` (`name`) VALUES ('message_secrets');
