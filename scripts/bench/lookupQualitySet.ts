import { lte } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { accountRowFor } from '../../server/src/accounts/accountImport';
import { createDb, type DbOrTx } from '../../server/src/db/client';
import { accounts } from '../../server/src/db/schema';
import { loadKeys } from '../../server/src/keys';
import type { LookupBody } from '../../server/src/lookup/lookupQuery';
import { toSimplified } from '../../server/src/policy/nameForms';
import { seededHanName } from '../seed/names';
import { seedDatabase } from '../seed/run';

/**
 * The lookup-quality set: caller-phrased queries for Chinese-named customers of a seeded database
 * full of namesakes (王伟, 李娜 …), each a name as the agent hears or types it plus one second detail
 * in some format, and whether the right customer comes first (recall@1) or in the top three
 * (recall@3). Shared by the test (through HTTP) and `npm run bench -- lookup` (in process).
 */

export const QUALITY_ACCOUNTS = 6_000;
export const QUALITY_SEED = 7;
const TARGETS = 24;

export type QualityQuery = { kind: string; targetId: number; body: LookupBody };
type Target = {
  id: number;
  fullName: string;
  dateOfBirth: string;
  phone: string;
  nationalIdLast4: string;
};

/**
 * The seeded database plus, for every target, customers that share a second detail: two with its
 * birthday and two with its last 4 under other names, one with its surname and birthday, and one
 * whose name sounds the same (汪伟 for 王伟) with its birthday or its last 4. Without them a birthday alone would pin a customer in 6,000, and the
 * set would measure nothing about names.
 */
export async function buildQualityDatabase(dbFile: string) {
  await seedDatabase({
    dbFile,
    accounts: QUALITY_ACCOUNTS,
    seed: QUALITY_SEED,
    staffPassword: 'Quality-set-2026!',
    staffTotpSecret: null,
    reset: true,
    now: Date.UTC(2026, 0, 15),
    progress: false,
  });
  const handle = createDb(dbFile);
  try {
    const keys = loadKeys(dbFile, {});
    const targets = pickTargets(targetRows(handle.db));
    const others = targetRows(handle.db).filter((r) => seededHanName(toSimplified(r.fullName)));
    let n = 0;
    const insert = (t: Target, fullName: string, shares: 'dateOfBirth' | 'nationalIdLast4') => {
      n++;
      const row = accountRowFor(keys, {
        accountNumber: `OK${8_000_000_000 + n}`,
        fullName,
        dateOfBirth: shares === 'dateOfBirth' ? t.dateOfBirth : '1950-01-01',
        phone: `+86139${String(10_000_000 + n).slice(-8)}`,
        email: `decoy${n}@example.com`,
        nationalId: `DECOY${n}X${shares === 'nationalIdLast4' ? t.nationalIdLast4 : '0000'}`,
        country: 'CN',
      });
      handle.db
        .insert(accounts)
        .values({ ...row, passwordHash: 'not-a-login' })
        .run();
    };
    handle.sqlite.transaction(() => {
      for (const [i, t] of targets.entries()) {
        const name = seededHanName(toSimplified(t.fullName))!;
        const other = (k: number) => others[(i * 7 + k * 131) % others.length]!.fullName;
        const differs = (fullName: string) => toSimplified(fullName) !== toSimplified(t.fullName);
        for (const k of [0, 1]) if (differs(other(k))) insert(t, other(k), 'dateOfBirth');
        for (const k of [2, 3]) if (differs(other(k))) insert(t, other(k), 'nationalIdLast4');
        const sameSurname = others.find(
          (o) => differs(o.fullName) && seededHanName(toSimplified(o.fullName))?.surname === name.surname,
        );
        if (sameSurname) insert(t, sameSurname.fullName, 'dateOfBirth');
        // A customer whose name sounds the same shares one of the details: by pinyin they tie.
        const homophone = HOMOPHONE_SURNAMES.get(name.surname);
        if (homophone) insert(t, `${homophone}${name.given}`, i % 2 ? 'nationalIdLast4' : 'dateOfBirth');
      }
    })();
  } finally {
    handle.close();
  }
}

/** Surnames that sound alike (same toneless pinyin). */
const HOMOPHONE_SURNAMES = new Map(
  '王汪 李黎 张章 刘柳 陈臣 杨阳 黄皇 赵照 吴武 周舟 徐许 胡扈 何和 林琳 罗骆 高郜 梁凉 郑正 谢解 宋送 唐汤 韩寒 冯封 邓登 曹漕 曾增 单善 区欧 仇裘'
    .split(' ')
    .map((pair) => [pair[0]!, pair[1]!] as const),
);

function targetRows(db: DbOrTx): Target[] {
  return db
    .select({
      id: accounts.id,
      fullName: accounts.fullName,
      dateOfBirth: accounts.dateOfBirth,
      phone: accounts.phone,
      nationalIdLast4: accounts.nationalIdLast4,
    })
    .from(accounts)
    .where(lte(accounts.id, QUALITY_ACCOUNTS))
    .orderBy(accounts.id)
    .all();
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
/** Tone-marked or tone-numbered pinyin of a name, surname read as a surname: "Wáng Xiǎomíng", "wang2 xiao3 ming2". */
function tonedPinyin(surname: string, given: string, toneType: 'symbol' | 'num'): [string, string] {
  const separator = toneType === 'num' ? ' ' : '';
  return [pinyin(surname, { toneType, mode: 'surname', separator }), pinyin(given, { toneType, separator })];
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
/** The birth date the way callers say it, one format per query in turn. */
function spokenDate(iso: string, turn: number): string {
  const [y, m, d] = iso.split('-');
  const formats = [
    iso,
    `${d}/${m}/${y}`,
    `${y}年${Number(m)}月${Number(d)}日`,
    `${y}${m}${d}`,
    `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`,
    `${y}/${Number(m)}/${Number(d)}`,
  ];
  return formats[turn % formats.length]!;
}

/** The phone the way callers say it: national format, with spaces, 00-prefixed, E.164. */
function spokenPhone(e164: string, turn: number): string {
  const parsed = parsePhoneNumberFromString(e164);
  const formats = [
    parsed?.formatNational() ?? e164,
    parsed?.formatInternational() ?? e164,
    e164.replace(/^\+/, '00'),
    parsed?.nationalNumber ?? e164,
  ];
  return formats[turn % formats.length]!;
}

/** Mostly details that many customers share (birthday, last 4), sometimes the phone. */
function secondDetail(t: Target, turn: number): LookupBody {
  const round = Math.floor(turn / 6);
  switch (turn % 6) {
    case 0:
    case 2:
    case 4:
      return { dateOfBirth: spokenDate(t.dateOfBirth, round * 3 + turn / 2) };
    case 1:
    case 3:
      return { nationalIdLast4: t.nationalIdLast4 };
    default:
      return { phone: spokenPhone(t.phone, round) };
  }
}

/** Names that several customers share come first: that is where ranking has to work. */
function pickTargets(rows: Target[]): Target[] {
  const chinese = rows.filter((r) => seededHanName(toSimplified(r.fullName)));
  const count = new Map<string, number>();
  for (const r of chinese) {
    const key = toSimplified(r.fullName);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const namesakes = chinese.filter((r) => count.get(toSimplified(r.fullName))! >= 3);
  const picked: Target[] = [];
  const step = Math.max(1, Math.floor(namesakes.length / TARGETS));
  for (let i = 0; picked.length < TARGETS && i < namesakes.length; i += step) picked.push(namesakes[i]!);
  return picked;
}

export function qualityQueries(db: DbOrTx): QualityQuery[] {
  const rows = targetRows(db);
  const queries: QualityQuery[] = [];
  for (const [i, t] of pickTargets(rows).entries()) {
    const simplified = toSimplified(t.fullName);
    const { surname, given, surnamePinyin: surPy, givenPinyin: givenPy } = seededHanName(simplified)!;
    const [surTone, givenTone] = tonedPinyin(surname, given, 'symbol');
    const [surNum, givenNum] = tonedPinyin(surname, given, 'num');
    const otherScript = simplified === t.fullName ? toTraditional(t.fullName) : simplified;
    const names: [kind: string, fullName: string][] = [
      ['name as stored', t.fullName],
      ['other script (simplified ⇄ traditional)', otherScript],
      ['pinyin, surname first', `${capital(surPy)} ${capital(givenPy)}`],
      ['pinyin, given name first', `${capital(givenPy)} ${capital(surPy)}`],
      ['pinyin, run together in capitals', `${surPy}${givenPy}`.toUpperCase()],
      ['pinyin, every syllable apart', `${surNum} ${givenNum}`.replace(/\d/g, '')],
      ['pinyin with tone marks', `${capital(surTone)} ${capital(givenTone)}`],
      ['pinyin with tone numbers', `${surNum} ${givenNum}`],
      ['surname alone', surname],
      ['given name alone', given],
    ];
    // Each kind of name meets every kind of second detail across the targets.
    for (const [k, [kind, fullName]] of names.entries()) {
      queries.push({ kind, targetId: t.id, body: { fullName, ...secondDetail(t, i * 7 + k) } });
    }
  }
  return queries;
}

export type Recall = {
  queries: number;
  at1: number;
  at3: number;
  byKind: Record<string, { queries: number; at1: number; at3: number }>;
  misses: { kind: string; body: LookupBody; rank: number }[];
};

export type Ranked = { id: number; score: number }[];

/**
 * Where the target landed, counting ties against it: a customer tied with others on score is only
 * "first" if nobody ties with it, whatever order the answer lists them in.
 */
export function rankOf(ranked: Ranked, targetId: number): number {
  const target = ranked.find((c) => c.id === targetId);
  return target ? ranked.filter((c) => c.score >= target.score).length : 0;
}

/** Runs every query through search (the ranked candidates it answers) and counts where the target landed. */
export async function measureRecall(
  queries: QualityQuery[],
  search: (body: LookupBody) => Promise<Ranked> | Ranked,
): Promise<Recall> {
  const recall: Recall = { queries: 0, at1: 0, at3: 0, byKind: {}, misses: [] };
  for (const q of queries) {
    const rank = rankOf(await search(q.body), q.targetId);
    const kind = recall.byKind[q.kind] ?? { queries: 0, at1: 0, at3: 0 };
    recall.byKind[q.kind] = kind;
    recall.queries++;
    kind.queries++;
    if (rank === 1) {
      recall.at1++;
      kind.at1++;
    }
    if (rank >= 1 && rank <= 3) {
      recall.at3++;
      kind.at3++;
    } else {
      recall.misses.push({ kind: q.kind, body: q.body, rank });
    }
  }
  return recall;
}
