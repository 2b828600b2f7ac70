import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a migrations folder (one with meta/_journal.json) from here, whether running from source
 * (server/src/db) or the bundle (dist/server): `relative` is its path under the repository root,
 * `override` an environment variable naming it directly. One engine's migrations per folder:
 * drizzle/ (SQLite, moving to drizzle/sqlite/) and drizzle/pg/.
 */
export function findMigrationsFolder(relative: string, override: string): string {
  const configured = process.env[override];
  if (configured) return resolve(configured);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${relative}/ migrations folder not found; set ${override}`);
}
