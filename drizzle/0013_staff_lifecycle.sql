ALTER TABLE `staff` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `temporary_password_until` integer;