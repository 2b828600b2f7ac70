PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_verification_freezes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`case_id` integer,
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
INSERT INTO `__new_verification_freezes`("id", "account_id", "case_id", "frozen_by", "frozen_at", "mismatch_count", "reviewed_by", "reviewed_at", "review_reason", "reviewed_through_check_id") SELECT "id", "account_id", "case_id", "frozen_by", "frozen_at", "mismatch_count", "reviewed_by", "reviewed_at", "review_reason", "reviewed_through_check_id" FROM `verification_freezes`;--> statement-breakpoint
DROP TABLE `verification_freezes`;--> statement-breakpoint
ALTER TABLE `__new_verification_freezes` RENAME TO `verification_freezes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `verification_freezes_account` ON `verification_freezes` (`account_id`,`reviewed_at`);