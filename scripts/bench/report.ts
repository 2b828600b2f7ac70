import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Row = {
  scenario: string;
  reqPerSec?: number;
  p50?: number;
  p99?: number;
  /** Throughput as a share of the /api/auth/me floor measured in the same run. */
  ofFloor?: number;
  /** The raw SQL (or in-process call) under this scenario, µs per call. */
  sqlUs?: number;
  /** Anything else measured (rows/s, seconds, MB, errors). */
  notes?: string;
  target?: string;
  met?: boolean;
  extra?: Record<string, unknown>;
};

const fmt = (v: number | undefined, digits = 0) =>
  v === undefined || !Number.isFinite(v) ? '' : v.toLocaleString('en-US', { maximumFractionDigits: digits });

export function printTable(rows: Row[]) {
  const table = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'of floor', 'raw SQL µs', 'target', 'met', 'notes'],
    ...rows.map((r) => [
      r.scenario,
      fmt(r.reqPerSec),
      fmt(r.p50, 1),
      fmt(r.p99, 1),
      r.ofFloor === undefined ? '' : `${Math.round(r.ofFloor * 100)}%`,
      fmt(r.sqlUs, 1),
      r.target ?? '',
      r.met === undefined ? '' : r.met ? 'yes' : 'NO',
      r.notes ?? '',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`;
  process.stdout.write(line(table[0]!));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const cells of table.slice(1)) process.stdout.write(line(cells));
}

export function writeReport(file: string, report: unknown) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
