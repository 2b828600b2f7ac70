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

const ratio = (v: number | undefined) => (v === undefined ? '' : `${Math.round(v * 100)}%`);
const met = (r: Row | undefined) => (r?.met === undefined ? '' : r.met ? 'yes' : 'NO');

/** A markdown-style table, each column as wide as its widest cell. */
function writeTable(table: string[][]) {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`;
  process.stdout.write(line(table[0]!));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const cells of table.slice(1)) process.stdout.write(line(cells));
}

export function printTable(rows: Row[]) {
  writeTable([
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'of floor', 'raw SQL µs', 'target', 'met', 'notes'],
    ...rows.map((r) => [
      r.scenario,
      fmt(r.reqPerSec),
      fmt(r.p50, 1),
      fmt(r.p99, 1),
      ratio(r.ofFloor),
      fmt(r.sqlUs, 1),
      r.target ?? '',
      met(r),
      r.notes ?? '',
    ]),
  ]);
}

/** One scenario measured on several engines in one run (--engine both): a missing engine is an empty cell. */
export type ComparedRow = { scenario: string; target?: string; byEngine: Record<string, Row | undefined> };

/**
 * Lines up each engine's rows by scenario, in the order the first engine ran them; a scenario only a
 * later engine has (the PostgreSQL instance rows) goes after the scenario that preceded it there.
 */
export function compareRows(byEngine: Record<string, Row[]>): ComparedRow[] {
  const order: string[] = [];
  for (const rows of Object.values(byEngine)) {
    let after = -1;
    for (const r of rows) {
      const at = order.indexOf(r.scenario);
      if (at >= 0) after = at;
      else order.splice(++after, 0, r.scenario);
    }
  }
  return order.map((scenario) => {
    const cells = Object.fromEntries(
      Object.entries(byEngine).map(([engine, rows]) => [engine, rows.find((r) => r.scenario === scenario)]),
    );
    const target = Object.values(cells).find((r) => r?.target)?.target;
    return { scenario, target, byEngine: cells };
  });
}

/**
 * The --engine both table: per scenario, each engine's req/s, p50, p99, ratio to its own floor, raw SQL
 * and whether it met the (shared) target; the notes, too long for a column, listed under it.
 */
export function printComparison(setup: Row[], compared: ComparedRow[], labels: Record<string, string>) {
  const engines = Object.keys(labels);
  writeTable([
    [
      'scenario',
      'target',
      ...engines.flatMap((e) => [`${labels[e]} req/s`, 'p50 ms', 'p99 ms', 'of floor', 'raw SQL µs', 'met']),
    ],
    ...compared.map((c) => [
      c.scenario,
      c.target ?? '',
      ...engines.flatMap((e) => {
        const r = c.byEngine[e];
        return [
          fmt(r?.reqPerSec),
          fmt(r?.p50, 1),
          fmt(r?.p99, 1),
          ratio(r?.ofFloor),
          fmt(r?.sqlUs, 1),
          met(r),
        ];
      }),
    ]),
  ]);
  const notes = [
    ...setup.map((r) => `${r.scenario}: ${r.notes ?? ''}`),
    ...compared.flatMap((c) =>
      engines
        .filter((e) => c.byEngine[e]?.notes)
        .map((e) => `${c.scenario} [${labels[e]}]: ${c.byEngine[e]!.notes}`),
    ),
  ];
  if (notes.length) process.stdout.write(`\nnotes:\n${notes.map((n) => `- ${n}\n`).join('')}`);
}

export function writeReport(file: string, report: unknown) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
