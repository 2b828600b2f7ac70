ALTER TABLE `accounts` ADD `name_latin` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `name_latin_key` text;--> statement-breakpoint
CREATE INDEX `accounts_name_latin_key` ON `accounts` (`name_latin_key`) WHERE "accounts"."name_latin_key" IS NOT NULL;