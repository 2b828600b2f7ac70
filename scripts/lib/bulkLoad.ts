import type Database from 'better-sqlite3';

/**
 * Pragmas of a connection that bulk-loads a database being built (seed, the benchmark's trail):
 * no fsyncs (a crash means building again with --reset) and no per-row foreign-key checks (every
 * reference the loader writes points at a row it wrote or read); a big page cache. The server's own
 * connections keep synchronous=FULL and foreign keys on.
 */
export function bulkLoadPragmas(sqlite: Database.Database) {
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
}

/**
 * Runs a bulk load into `table` without its secondary indexes and the trigger that feeds its
 * external-content FTS table, then builds them from the loaded rows: one sort per index instead of
 * a random B-tree insert per row and index (at a million rows those were most of the load's SQLite
 * time), and one FTS rebuild. The definitions are read back from sqlite_master, so what is rebuilt
 * is exactly what the migrations made; a UNIQUE index still refuses duplicates when it is built.
 * Rebuilds after a failure too, so a half-done load still has its indexes.
 */
export async function withIndexesBuiltAfter<T>(
  sqlite: Database.Database,
  target: { table: string; fts: string },
  load: () => Promise<T>,
): Promise<T> {
  const deferred = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE tbl_name = ? AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND name = ?))`,
    )
    .all(target.table, `${target.fts}_insert`) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  if (!deferred.some((d) => d.type === 'trigger')) {
    throw new Error(`${target.fts}_insert trigger not found: the FTS table would miss the loaded rows`);
  }
  for (const d of deferred) sqlite.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
  try {
    return await load();
  } finally {
    sqlite.transaction(() => {
      for (const d of deferred) sqlite.exec(d.sql);
      sqlite.exec(`INSERT INTO ${target.fts}(${target.fts}) VALUES ('rebuild')`);
    })();
  }
}
