import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildQualityDatabase,
  measureRecall,
  type QualityQuery,
  qualityQueries,
} from '../../scripts/bench/lookupQualitySet';
import { createDb, type Db, type DbHandle } from '../src/db/client';
import { findCandidates } from '../src/lookup/lookup';
import { parseLookup } from '../src/lookup/lookupQuery';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from './engine/testDatabase';

/**
 * The lookup-quality set (scripts/bench/lookupQualitySet.ts) over a seeded database full of
 * namesakes: every caller-phrased query must put the right customer in the top three for 99% of
 * queries. `npm run bench -- lookup` reports the same numbers. In the PostgreSQL run the same set is
 * searched on PostgreSQL (its tsvector word index instead of FTS5): the SQLite file is copied there
 * with `npm run db:copy`, ids kept, so the queries built from the file name the same customers.
 */

const run = promisify(execFile);
let dir: string;
let handle: DbHandle;
let searched: { db: Db };
let target: TestDatabase | undefined;
let queries: QualityQuery[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rd-quality-'));
  const dbFile = join(dir, 'quality.db');
  if (TEST_ENGINE === 'pg') {
    // The builder writes a SQLite file, so it runs where DATABASE_URL does not select PostgreSQL.
    const { DATABASE_URL: _pg, ...env } = process.env;
    const build = `import('./scripts/bench/lookupQualitySet.ts').then((m) => m.buildQualityDatabase(${JSON.stringify(dbFile)}))`;
    await run('npx', ['tsx', '-e', build], { env, cwd: process.cwd() });
    target = openTestDatabase(dir);
    await run('npm', ['run', '--silent', 'db:copy', '--', '--from', dbFile, '--to', target.url!], {
      env,
      cwd: process.cwd(),
    });
  } else {
    await buildQualityDatabase(dbFile);
  }
  handle = createDb(dbFile);
  searched = target ?? handle;
  queries = await qualityQueries(handle.db);
}, 180_000);
afterAll(async () => {
  handle?.close();
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

const search = async (body: QualityQuery['body']) =>
  (await findCandidates(searched, parseLookup(body))).candidates;

describe('lookup quality', () => {
  it('when the set is built, then it has at least 150 queries of every kind over customers with namesakes', async () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(queries.map((q) => q.kind));
    expect(kinds.size).toBe(10);
    // Every target shares its name with at least two other customers.
    for (const q of queries.filter((q) => q.kind === 'name as stored')) {
      const res = await findCandidates(searched, parseLookup({ fullName: q.body.fullName! }));
      expect(res.candidates.length, q.body.fullName ?? '').toBeGreaterThanOrEqual(3);
    }
  });

  it('when every query of the set is run, then recall@3 is at least 99% (recall@1 reported)', async () => {
    const recall = await measureRecall(queries, search);
    const at3 = recall.at3 / recall.queries;
    console.info(
      `lookup quality (${TEST_ENGINE}): ${recall.queries} queries, recall@1 ${((100 * recall.at1) / recall.queries).toFixed(1)}%, recall@3 ${(100 * at3).toFixed(1)}%`,
    );
    expect(recall.misses, JSON.stringify(recall.misses)).toHaveLength(recall.queries - recall.at3);
    expect(at3).toBeGreaterThanOrEqual(0.99);
  });

  it('when the lookup ignores the name, then the same set fails (the measure can fail)', async () => {
    const recall = await measureRecall(
      queries,
      async (body) =>
        (await findCandidates(searched, { ...parseLookup(body), name: undefined, fields: [] })).candidates,
    );
    expect(recall.at3 / recall.queries).toBeLessThan(0.9);
  });
});
