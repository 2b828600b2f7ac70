import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Streams rows into a PostgreSQL table with COPY … FROM STDIN in text format: one statement per table
 * instead of a parse, a plan and 65,535 parameters per few thousand rows. The rows are pulled from the
 * iterator only as fast as the server takes them (pipeline back-pressure), so memory stays at one chunk
 * whatever the table's size.
 */

/** What a column holds on the PostgreSQL side, as far as encoding a SQLite value goes. */
export interface CopyColumn {
  name: string;
  /** SQLite keeps booleans as 0/1; COPY wants t/f. */
  boolean: boolean;
}

// COPY text format (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format"): fields split by a
// tab, rows by a newline, NULL is \N; a backslash, tab, newline or carriage return inside a value is
// written as a backslash escape. Everything else (quotes, commas, any Unicode) is taken as it is.
const NULL_FIELD = '\\N';
const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPABLE = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeChar = (c: string) => ESCAPES[c]!;

/** A value COPY cannot carry as it is: named by table, column and row so the operator can fix the source. */
export class UncopyableValueError extends Error {}

/** The escaped value, or null when it holds U+0000, which PostgreSQL text cannot store (nor can an INSERT). */
function encodeText(value: string): string | null {
  if (!NEEDS_ESCAPE.test(value)) return value;
  if (value.includes('\0')) return null;
  return value.replace(ESCAPABLE, escapeChar);
}

function encodeNumber(value: number): string {
  // String() of a double is its shortest round-trip form, which float8 reads back to the same bits;
  // ±Infinity is spelled as float8 spells it.
  return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity';
}

/** One row → one line of COPY text (newline included). */
export function copyLineEncoder(table: string, columns: readonly CopyColumn[]) {
  const n = columns.length;
  const refuse = (row: readonly unknown[], c: number, what: string) =>
    new UncopyableValueError(
      `${table}.${columns[c]!.name} of the row whose first column is ${String(row[0])} ${what}`,
    );
  const encodeField = (row: readonly unknown[], c: number): string => {
    const value = row[c];
    if (value === null || value === undefined) return NULL_FIELD;
    if (columns[c]!.boolean) {
      if (value === 1 || value === 1n) return 't';
      if (value === 0 || value === 0n) return 'f';
      throw refuse(row, c, `is ${JSON.stringify(String(value))}, not a boolean 0 or 1`);
    }
    switch (typeof value) {
      case 'string': {
        const text = encodeText(value);
        if (text === null) throw refuse(row, c, 'holds a NUL character, which PostgreSQL text cannot store');
        return text;
      }
      case 'number':
        return encodeNumber(value);
      case 'bigint':
        return String(value);
      default:
        // A BLOB: no column of the schema is bytea, so it is data the copy would silently mangle.
        throw refuse(row, c, 'holds a BLOB, and no column of the schema is binary');
    }
  };
  return (row: readonly unknown[]): string => {
    let line = encodeField(row, 0);
    for (let c = 1; c < n; c++) line += `\t${encodeField(row, c)}`;
    return `${line}\n`;
  };
}

// Big enough that the per-chunk CopyData framing and stream calls are noise, small enough to be cache-friendly.
const CHUNK_CHARS = 1 << 16;

function* copyChunks(
  rows: Iterable<readonly unknown[]>,
  encode: (row: readonly unknown[]) => string,
  read: { n: number },
) {
  let chunk = '';
  for (const row of rows) {
    chunk += encode(row);
    read.n++;
    if (chunk.length >= CHUNK_CHARS) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk, 'utf8');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies `rows` (arrays in `columns` order) into `table` over `client`, inside whatever transaction the
 * caller holds; answers the rows read and the rows the server says it stored. On any failure (a value that
 * cannot be encoded, a constraint the server refuses) the COPY is aborted, the iterator is closed and the
 * error rejects; the caller's transaction is then failed and must be rolled back. The client must be on
 * client_encoding UTF8: the lines are sent as UTF-8.
 */
export async function copyRowsIn(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  rows: Iterable<readonly unknown[]>,
): Promise<{ read: number; stored: number }> {
  const read = { n: 0 };
  const sink = client.query(
    copyFrom(`COPY ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) FROM STDIN`),
  );
  await pipeline(copyChunks(rows, copyLineEncoder(table, columns), read), sink);
  return { read: read.n, stored: sink.rowCount };
}
