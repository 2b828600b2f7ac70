ALTER TABLE `staff` DROP COLUMN `failed_sign_ins`;--> statement-breakpoint
ALTER TABLE `staff` DROP COLUMN `locked_until`;