CREATE TABLE `verification_freezes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`frozen_by` integer NOT NULL,
	`frozen_at` integer NOT NULL,
	`mismatch_count` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`review_reason` text,
	`reviewed_through_check_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frozen_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verification_freezes_account` ON `verification_freezes` (`account_id`,`reviewed_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `notice_events` text;--> statement-breakpoint
CREATE INDEX `one_time_codes_account` ON `one_time_codes` (`account_id`,`created_at`);