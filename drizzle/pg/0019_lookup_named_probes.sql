-- A lookup by name and birthday (or last 4) scored each account sharing the birthday by reading its row,
-- since a common name's own probe stops at 200 and cannot say which of them share the name: 27 rows a
-- birthday and ~100 a last 4 at 1,000,000 accounts, ~4 µs each. With the name's columns in the detail's
-- index they are scored from the index alone (server/src/lookup/lookupRepo.ts NAMED_PROBES). The wider
-- indexes serve every query the single-column ones did.
DROP INDEX "accounts_date_of_birth";--> statement-breakpoint
DROP INDEX "accounts_national_id_last4";--> statement-breakpoint
CREATE INDEX "accounts_date_of_birth_names" ON "accounts" USING btree ("date_of_birth","name_key","name_latin_key","name_latin");--> statement-breakpoint
CREATE INDEX "accounts_national_id_last4_names" ON "accounts" USING btree ("national_id_last4","name_key","name_latin_key","name_latin");