import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDb } from '../../server/src/db/client';
import { findCandidates } from '../../server/src/lookup/lookup';
import { parseLookup } from '../../server/src/lookup/lookupQuery';
import { buildQualityDatabase, measureRecall, QUALITY_ACCOUNTS, qualityQueries } from './lookupQualitySet';
import type { Row } from './report';

/**
 * `npm run bench -- lookup`: recall@1 and recall@3 of the caller-phrased query set (lookupQualitySet.ts)
 * over a seeded database with namesakes. Ties count against the target.
 */
export async function lookupQualityRows(): Promise<Row[]> {
  const dir = resolve('data/bench');
  mkdirSync(dir, { recursive: true });
  const dbFile = resolve(dir, 'lookup-quality.db');
  await buildQualityDatabase(dbFile);
  const handle = createDb(dbFile);
  try {
    const queries = qualityQueries(handle.db);
    const recall = await measureRecall(
      queries,
      async (body) => (await findCandidates(handle, parseLookup(body))).candidates,
    );
    const pct = (n: number) => Math.round((1000 * n) / recall.queries) / 10;
    const rows: Row[] = [
      {
        scenario: 'lookup quality: recall@1',
        notes: `${pct(recall.at1)}% of ${recall.queries} queries over ${QUALITY_ACCOUNTS} seeded accounts + namesake decoys`,
        extra: { recallAt1: pct(recall.at1), queries: recall.queries },
      },
      {
        scenario: 'lookup quality: recall@3',
        notes: `${pct(recall.at3)}%`,
        target: '>= 99%',
        met: pct(recall.at3) >= 99,
        extra: { recallAt3: pct(recall.at3) },
      },
    ];
    for (const [kind, r] of Object.entries(recall.byKind)) {
      rows.push({ scenario: `  ${kind}`, notes: `@1 ${r.at1}/${r.queries}, @3 ${r.at3}/${r.queries}` });
    }
    return rows;
  } finally {
    handle.close();
  }
}
