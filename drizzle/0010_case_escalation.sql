CREATE TABLE `case_handoffs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_staff` integer NOT NULL,
	`to_staff` integer,
	`reason` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_staff`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_staff`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_handoffs_case` ON `case_handoffs` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_handoffs_from` ON `case_handoffs` (`from_staff`,`case_id`);--> statement-breakpoint
CREATE INDEX `case_handoffs_to` ON `case_handoffs` (`to_staff`,`case_id`);--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_notes_case` ON `case_notes` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_notes_account` ON `case_notes` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `impostor_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`reported_by` integer NOT NULL,
	`held` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `impostor_reports_account` ON `impostor_reports` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `impostor_reports_at` ON `impostor_reports` (`at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `owner_id` integer REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `cases` ADD `escalation` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `escalated_by` integer REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `cases` ADD `escalated_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `escalation_reason` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `taken_at` integer;--> statement-breakpoint
CREATE INDEX `cases_owner` ON `cases` (`owner_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `cases_escalation` ON `cases` (`escalation`,`escalated_at`);--> statement-breakpoint
CREATE INDEX `cases_escalated_by` ON `cases` (`escalated_by`,`escalated_at`);