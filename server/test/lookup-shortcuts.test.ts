import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/db/tables';
import { findCandidates, MAX_RESULTS } from '../src/lookup/lookup';
import { parseLookup } from '../src/lookup/lookupQuery';
import { rankCandidates } from '../src/lookup/ranking';
import { insertCrowd } from './factories/accounts';
import { makeTestApp, type TestApp } from './harness';

/**
 * findCandidates takes shortcuts: it scores most accounts from which probes found them, reads a
 * birthday's or a last 4's names from the index instead of the rows, and skips a weaker name search
 * once a page's worth of accounts outrank all it could add. None may change the answer. So every
 * query here is answered twice: by the lookup, and by scoring every account in the table with the
 * ranking's own rules, and the two must agree on the candidates, their order, their scores, why they
 * matched and the "too many" count. The crowd keeps every probe under its limit of 200 (where the
 * lookup promises exact answers) while giving each name, birthday and last 4 dozens of accounts, so
 * the skips and the index-read names are taken.
 */

const NAMES = [
  '王伟',
  '汪伟', // sounds like 王伟: found by its pinyin
  '王芳',
  '李娜',
  '司马建华',
  '欧阳娜娜',
  'Chen Jing',
  'Chen Mei Jing', // "Chen Jing" by some of its words
  'Mary Ann Smith',
  'Maryann Smith',
  'José Núñez',
  'John Smith',
];
const DATES = ['1980-01-02', '1985-06-15', '1990-03-05', '1991-07-08', '1975-12-31', '2000-02-29'];
const LAST4 = ['1234', '0000', '4321', '8888', '135X', '2468'];
/** 12 names × 40: each name and each of its words is shared by 40-120 accounts, birthdays and last 4s by 80. */
const CROWD = NAMES.length * 40;

const QUERY_NAMES = [
  '王伟',
  'wang wei',
  'Wang',
  '伟',
  '建华',
  'ouyang nana',
  'Chen Jing',
  'jing',
  'Smith',
  'Mary Ann Smith',
  'maryann smith',
  'jose nunez',
  'Nobody Known',
];

let t: TestApp;
beforeAll(async () => {
  t = makeTestApp();
  // Co-prime strides so names, birthdays and last 4s combine in many ways.
  await insertCrowd(t, CROWD, (i) => ({
    fullName: NAMES[i % NAMES.length]!,
    dateOfBirth: DATES[(i * 5) % DATES.length]!,
    nationalIdLast4: LAST4[(i * 7 + Math.floor(i / 13)) % LAST4.length]!,
  }));
}, 60_000);
afterAll(() => t.close());

/** The answer by brute force: every account scored, the best 20, and how many tie with the best. */
async function everyAccountScored(body: Record<string, string>) {
  const q = parseLookup(body);
  const ranked = rankCandidates(q, await t.deps.db.select().from(accounts));
  const best = ranked[0]?.score;
  const tied = ranked.filter((c) => c.score === best).length;
  return {
    candidates: ranked
      .slice(0, MAX_RESULTS)
      .map((c) => ({ id: c.row.id, score: c.score, matchedFields: c.matchedFields })),
    tooManyMatches: tied > MAX_RESULTS ? String(tied) : null,
  };
}

async function lookedUp(body: Record<string, string>) {
  const result = await findCandidates(t.deps, parseLookup(body));
  return {
    candidates: result.candidates.map((c) => ({ id: c.id, score: c.score, matchedFields: c.matchedFields })),
    tooManyMatches: result.tooManyMatches,
  };
}

describe('identity lookup: shortcuts never change the answer', () => {
  const bodies: Record<string, string>[] = [];
  for (const [n, fullName] of QUERY_NAMES.entries()) {
    const dateOfBirth = DATES[n % DATES.length]!;
    const nationalIdLast4 = LAST4[(n * 5) % LAST4.length]!;
    bodies.push(
      { fullName },
      { fullName, dateOfBirth },
      { fullName, nationalIdLast4 },
      { fullName, dateOfBirth, nationalIdLast4 },
    );
  }
  bodies.push({ dateOfBirth: DATES[0]! }, { nationalIdLast4: LAST4[1]!, dateOfBirth: DATES[2]! });

  it.each(bodies.map((body) => [JSON.stringify(body), body] as const))(
    'when the caller gives %s, then the lookup answers as scoring every account would',
    async (_, body) => {
      const expected = await everyAccountScored(body);
      expect(await lookedUp(body)).toEqual(expected);
    },
  );

  it('when the crowd is built, then the shortcuts are exercised: names shared by more than a page, partial and homophone matches below them', async () => {
    // Guards the test's own premise: without these the comparisons above would pass on the plain path.
    const common = await everyAccountScored({ fullName: '王伟', dateOfBirth: DATES[0]! });
    expect(common.candidates[0]!.matchedFields).toEqual(['fullName', 'dateOfBirth']);
    const byPinyin = await everyAccountScored({ fullName: 'wang wei' });
    expect(byPinyin.tooManyMatches).not.toBeNull();
    const partial = await everyAccountScored({ fullName: 'Chen Jing', nationalIdLast4: LAST4[0]! });
    expect(partial.candidates.flatMap((c) => c.matchedFields)).toContain('fullName:partial');
  });
});
