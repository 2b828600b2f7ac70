CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`customer_text_en` text NOT NULL,
	`customer_text_zh` text NOT NULL,
	`affected` text NOT NULL,
	`starts_at` integer NOT NULL,
	`expected_end_at` integer,
	`resolved_at` integer,
	`created_by` integer NOT NULL,
	`resolved_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_open` ON `incidents` (`resolved_at`,`starts_at`);