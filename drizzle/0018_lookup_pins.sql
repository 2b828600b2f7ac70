CREATE TABLE `lookup_pins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`field` text NOT NULL,
	`value_hash` text NOT NULL,
	`matched` integer NOT NULL,
	`varied` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lookup_pins_account` ON `lookup_pins` (`account_id`,`field`,`at`);