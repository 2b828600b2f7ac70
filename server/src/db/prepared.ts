import type Database from 'better-sqlite3';

/**
 * Hot statements are prepared once per connection and reused: building and preparing SQL on every
 * request was a large share of a request's cost (the issue 9 profiles). Keyed by the SQL text, so a
 * query whose shape varies (which filters are present) keeps one statement per shape.
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const MAX_PER_CONNECTION = 500;

export function prepared<P extends unknown[] = unknown[], R = unknown>(
  sqlite: Database.Database,
  source: string,
): Database.Statement<P, R> {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let stmt = cache.get(source);
  if (!stmt) {
    // Shapes are few; the bound only guards against a caller that builds SQL from data.
    if (cache.size >= MAX_PER_CONNECTION) cache.clear();
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
  }
  return stmt as unknown as Database.Statement<P, R>;
}
