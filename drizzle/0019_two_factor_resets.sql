CREATE TABLE `two_factor_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`status` text DEFAULT 'pending_approval' NOT NULL,
	`reason` text NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `two_factor_resets_status` ON `two_factor_resets` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `two_factor_resets_account` ON `two_factor_resets` (`account_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `two_factor_enrol_required` integer DEFAULT false NOT NULL;