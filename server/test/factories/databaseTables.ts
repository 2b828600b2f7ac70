import { rawAll } from '../../src/db/rows';
import type { TestApp } from '../harness';

/** The app's own tables on either engine (SQLite's catalogue, or PostgreSQL's public schema), by name. */
export async function tableNames(t: TestApp): Promise<string[]> {
  const rows = await rawAll<{ name: string }>(t.deps.db, {
    sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    pg: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  });
  return rows.map((row) => row.name);
}

/** Every row of one table, as the driver gives it. */
export async function tableRows(t: TestApp, name: string): Promise<Record<string, unknown>[]> {
  return rawAll<Record<string, unknown>>(t.deps.db, `SELECT * FROM "${name}"`);
}
