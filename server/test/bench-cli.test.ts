import { describe, expect, it } from 'vitest';
import { compareRows, type Row } from '../../scripts/bench/report';
import { runScript } from './cli-harness';

/**
 * The bench's own logic that a full run (minutes, CI's smoke run) would only show by eye: how
 * --engine both lines the engines' rows up, and the option combinations it refuses before building
 * anything.
 */

const row = (scenario: string, reqPerSec?: number, target?: string): Row => ({ scenario, reqPerSec, target });

describe('npm run bench -- --engine both: one table of both engines', () => {
  it('lines rows up by scenario and puts a row only PostgreSQL has after the scenario it followed there', () => {
    const compared = compareRows({
      sqlite: [
        row('floor', 900),
        row('lookup: phone', 400, 'p99 <= 15 ms'),
        row('commands', 300),
        row('verify'),
      ],
      pg: [
        row('floor', 700),
        row('lookup: phone', 350, 'p99 <= 15 ms'),
        row('commands', 200),
        row('commands, 2 instances', 260),
        row('2 instances vs one'),
        row('verify'),
      ],
    });
    expect(compared.map((c) => c.scenario)).toEqual([
      'floor',
      'lookup: phone',
      'commands',
      'commands, 2 instances',
      '2 instances vs one',
      'verify',
    ]);
    const phone = compared[1]!;
    expect(phone.target).toBe('p99 <= 15 ms');
    expect(phone.byEngine.sqlite?.reqPerSec).toBe(400);
    expect(phone.byEngine.pg?.reqPerSec).toBe(350);
    // SQLite runs one process: its cell of the instance rows stays empty, not borrowed from a neighbour.
    expect(compared[3]!.byEngine.sqlite).toBeUndefined();
    expect(compared[3]!.byEngine.pg?.reqPerSec).toBe(260);
  });

  it('keeps the first engine rows when the second engine stopped early (its cells empty)', () => {
    const compared = compareRows({ sqlite: [row('floor', 900), row('verify')], pg: [] });
    expect(compared.map((c) => [c.scenario, c.byEngine.sqlite?.scenario, c.byEngine.pg])).toEqual([
      ['floor', 'floor', undefined],
      ['verify', 'verify', undefined],
    ]);
  });
});

// Each case starts tsx (a few seconds each on a busy 2-core machine): more room than the default 20 s.
describe('npm run bench: refused command lines (exit 2 before any database is built)', {
  timeout: 60_000,
}, () => {
  it('refuses an engine it does not know, naming the three it does', async () => {
    const r = await runScript('bench.ts', ['--engine', 'mysql']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--engine must be sqlite, pg or both');
  });

  it('refuses --instances and --pg-url on SQLite alone, which serves one process', async () => {
    const instances = await runScript('bench.ts', ['--engine', 'sqlite', '--instances', '2']);
    expect(instances.code).toBe(2);
    expect(instances.stderr).toContain('need --engine pg or both');
    const url = await runScript('bench.ts', ['--pg-url', 'postgres://localhost/x']);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('need --engine pg or both');
  });

  it('refuses more than two instances', async () => {
    const r = await runScript('bench.ts', ['--engine', 'both', '--instances', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--instances must be a whole number between 1 and 2');
  });
});
