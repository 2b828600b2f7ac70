import { alias as pgAlias } from 'drizzle-orm/pg-core';
import { alias as sqliteAlias } from 'drizzle-orm/sqlite-core';
import * as pgTables from './pgSchema';
import * as sqliteTables from './schema';

/**
 * The tables the domain queries, for the engine this process runs on: SQLite's (db/schema.ts) by
 * default, PostgreSQL's (db/pgSchema.ts) when DATABASE_URL is set. Chosen once, when this module loads,
 * so even a column captured at a module's top is the right engine's. The two schemas have the same
 * names, columns and JS types (server/test/pg-schema-parity.test.ts), so the domain writes each query
 * once against SQLite's types. Everything else (row types, enums) is schema.ts's.
 */
export * from './schema';

export const TABLES_ENGINE: 'sqlite' | 'pg' = process.env.DATABASE_URL ? 'pg' : 'sqlite';
const t = (TABLES_ENGINE === 'pg' ? pgTables : sqliteTables) as unknown as typeof sqliteTables;

export const staff = t.staff;
export const signInThrottle = t.signInThrottle;
export const staffNetworks = t.staffNetworks;
export const staffRecoveryCodes = t.staffRecoveryCodes;
export const sessions = t.sessions;
export const accounts = t.accounts;
export const loginEvents = t.loginEvents;
export const devices = t.devices;
export const transactions = t.transactions;
export const cases = t.cases;
export const caseNotes = t.caseNotes;
export const caseHandoffs = t.caseHandoffs;
export const impostorReports = t.impostorReports;
export const lookupPins = t.lookupPins;
export const verificationChecks = t.verificationChecks;
export const oneTimeCodes = t.oneTimeCodes;
export const verificationFreezes = t.verificationFreezes;
export const customerTokens = t.customerTokens;
export const emailChanges = t.emailChanges;
export const twoFactorResets = t.twoFactorResets;
export const incidents = t.incidents;
export const messages = t.messages;
export const auditEvents = t.auditEvents;
export const auditDailyCounts = t.auditDailyCounts;
export const idempotencyKeys = t.idempotencyKeys;

/** drizzle's alias (a table joined twice under two names) for this engine's table. */
export const aliasOf = <T extends typeof sqliteTables.staff>(table: T, name: string): T =>
  (TABLES_ENGINE === 'pg'
    ? pgAlias(table as unknown as typeof pgTables.staff, name)
    : sqliteAlias(table, name)) as unknown as T;
