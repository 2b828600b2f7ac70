DROP INDEX `audit_events_target`;--> statement-breakpoint
CREATE INDEX `audit_events_outcome` ON `audit_events` (`outcome`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_target_id` ON `audit_events` (`target_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_case` ON `audit_events` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_target` ON `audit_events` (`target_type`,`target_id`,`at`);