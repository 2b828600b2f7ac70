CREATE TABLE `audit_daily_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` integer NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`actor_id` integer NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_daily_counts_key` ON `audit_daily_counts` (`day`,`action`,`outcome`,`actor_id`,`subject`);--> statement-breakpoint
CREATE INDEX `audit_daily_counts_action` ON `audit_daily_counts` (`action`,`day`);--> statement-breakpoint
CREATE INDEX `cases_owner_open` ON `cases` (`owner_id`,`opened_at`) WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `cases_frozen_open` ON `cases` (`updated_at`) WHERE "cases"."verification_frozen" = true and "cases"."status" = 'open';