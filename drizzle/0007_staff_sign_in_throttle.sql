CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `staff_networks` (
	`staff_id` integer NOT NULL,
	`ip` text NOT NULL,
	`last_success_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_networks_staff_ip` ON `staff_networks` (`staff_id`,`ip`);--> statement-breakpoint
ALTER TABLE `staff` ADD `totp_last_step` integer;