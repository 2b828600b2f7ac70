import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './bench/types';
import { parseCli, runCli, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run bench -- [NAME ...]

Runs every scripts/bench/*.bench.ts (or only those whose file name contains one of NAME), prints a
table, writes bench/reports/latest.json plus a timestamped copy, and exits 1 if a result misses its target.

Options:
  -h, --help    show this help
`;

const BENCH_DIR = resolve('scripts/bench');
const REPORT_DIR = resolve('bench/reports');

type Row = BenchResult & { bench: string; pass: boolean };

function meetsTarget(r: BenchResult): boolean {
  if (!Number.isFinite(r.value)) return false;
  return (
    (r.target?.min === undefined || r.value >= r.target.min) &&
    (r.target?.max === undefined || r.value <= r.target.max)
  );
}

function describeTarget(r: BenchResult): string {
  const parts = [];
  if (r.target?.min !== undefined) parts.push(`>= ${r.target.min}`);
  if (r.target?.max !== undefined) parts.push(`<= ${r.target.max}`);
  return parts.join(' and ') || '-';
}

function printTable(rows: Row[]) {
  const table = [
    ['result', 'value', 'unit', 'target', 'ok'],
    ...rows.map((r) => [r.name, String(r.value), r.unit, describeTarget(r), r.pass ? 'yes' : 'MISSED']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  for (const line of table)
    process.stdout.write(`${line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
  for (const r of rows.filter((r) => r.notes)) process.stdout.write(`  ${r.name}: ${r.notes}\n`);
}

runCli(USAGE, async () => {
  const { positionals } = parseCli(USAGE, {}, process.argv.slice(2), { positionals: true });
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => positionals.length === 0 || positionals.some((p) => f.includes(p)))
    .sort();
  if (files.length === 0) throw new UsageError('no benchmark matches');

  const rows: Row[] = [];
  for (const file of files) {
    const bench = basename(file, '.bench.ts');
    process.stderr.write(`running ${bench}...\n`);
    const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as BenchModule;
    for (const result of await mod.run()) rows.push({ ...result, bench, pass: meetsTarget(result) });
  }
  printTable(rows);

  const report = { at: new Date().toISOString(), node: process.version, results: rows };
  mkdirSync(REPORT_DIR, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(REPORT_DIR, 'latest.json'), json);
  writeFileSync(join(REPORT_DIR, `${report.at.replace(/[:.]/g, '-')}.json`), json);
  const missed = rows.filter((r) => !r.pass).length;
  if (missed > 0) process.stderr.write(`${missed} result(s) missed their target\n`);
  return missed > 0 ? 1 : 0;
});
