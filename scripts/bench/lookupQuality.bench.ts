import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDb } from '../../server/src/db/client';
import { findCandidates } from '../../server/src/lookup/lookup';
import { parseLookup } from '../../server/src/lookup/lookupQuery';
import { buildQualityDatabase, measureRecall, QUALITY_ACCOUNTS, qualityQueries } from './lookupQualitySet';
import type { BenchResult } from './types';

/**
 * Lookup quality: recall@1 and recall@3 of the caller-phrased query set (lookupQualitySet.ts)
 * over a seeded database with namesakes. Ties count against the target.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = resolve('data/bench');
  mkdirSync(dir, { recursive: true });
  const dbFile = resolve(dir, 'lookup-quality.db');
  await buildQualityDatabase(dbFile);
  const handle = createDb(dbFile);
  try {
    const queries = qualityQueries(handle.db);
    const recall = await measureRecall(
      queries,
      (body) => findCandidates(handle, parseLookup(body)).candidates,
    );
    const pct = (n: number) => Math.round((1000 * n) / recall.queries) / 10;
    const kinds = Object.entries(recall.byKind)
      .map(([kind, r]) => `${kind} ${r.at1}/${r.at3}/${r.queries}`)
      .join('; ');
    return [
      {
        name: 'lookup quality: recall@1',
        value: pct(recall.at1),
        unit: '%',
        notes: `${recall.queries} queries over ${QUALITY_ACCOUNTS} seeded accounts + namesake decoys; per kind @1/@3/n: ${kinds}`,
      },
      { name: 'lookup quality: recall@3', value: pct(recall.at3), unit: '%', target: { min: 99 } },
      { name: 'lookup quality: queries', value: recall.queries, unit: 'queries', target: { min: 150 } },
    ];
  } finally {
    handle.close();
  }
}
