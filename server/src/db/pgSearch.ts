import { type SQL, sql } from 'drizzle-orm';
import { accounts, auditEvents } from './pgSchema';

/**
 * The search expressions of PostgreSQL's name and audit-text indexes (drizzle/pg/0002_name_search.sql):
 * a query must use these word for word for the planner to use the index, so they are written once
 * here. The SQLite counterparts are the FTS5 tables accounts_name_fts and audit_events_fts.
 */

/** The words of a name as written (name_key, already folded) and as a Latin keyboard spells it. */
export const accountNameWords = sql`to_tsvector('simple', ${accounts.nameKey} || ' ' || coalesce(${accounts.nameLatin}, ''))`;

/** Accounts whose name holds every word of `words` (already folded by policy/normalize.ts). */
export const nameHasWords = (words: string): SQL =>
  sql`${accountNameWords} @@ plainto_tsquery('simple', ${words})`;

/** Accounts whose name as written is like `name` (a misspelt "Nunes" for "Núñez"): pg_trgm similarity. */
export const nameResembles = (name: string): SQL => sql`${accounts.nameKey} % ${name}`;

/**
 * The audit list's free-text filter: reason, who, what, on which target. Dots, underscores and the like
 * become spaces first, so "account.lookup" holds the words account and lookup, as in SQLite's FTS5
 * (drizzle/pg/0014_audit_words_split.sql). The reason's Chinese is read as characters and pairs first
 * (drizzle/pg/0018_audit_words_cjk.sql, as db/auditWords.ts on SQLite).
 */
export const auditEventWords = sql`to_tsvector('simple', translate(coalesce(audit_reason_words(${auditEvents.reason}), '') || ' ' || coalesce(${auditEvents.actorUsername}, '') || ' ' || ${auditEvents.action} || ' ' || coalesce(${auditEvents.targetId}, ''), '._-:/@', '      '))`;

export const auditHasWords = (words: string): SQL =>
  sql`${auditEventWords} @@ plainto_tsquery('simple', ${words})`;
