import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from './factories/accounts';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Finding callers the way they say their names (docs/design.md "Finding a caller by name"):
 * simplified ⇄ traditional, pinyin in any order, spacing and tone writing, partial names,
 * namesakes told apart by a second detail, Cyrillic and Greek in Latin letters.
 */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Agent = Awaited<ReturnType<typeof signedIn>>;
type Answer = {
  status: number;
  headers: Record<string, string>;
  body: Array<{ id: number; score: number; matchedFields: string[] }>;
};
const lookup = async (c: Agent, body: unknown) => (await c.post('/api/lookup', body)) as unknown as Answer;
const ids = (res: Answer) => res.body.map((c) => c.id);
const account = async (fullName: string, more: Parameters<typeof createAccount>[1] = {}) =>
  (await createAccount(t, { fullName, ...more })).account;

describe('lookup by name: simplified and traditional Chinese', () => {
  it.each([
    ['歐陽勇', '欧阳勇'],
    ['欧阳勇', '歐陽勇'],
    ['杨家豪', '楊家豪'],
    ['楊家豪', '杨家豪'],
    ['衞志強', '卫志强'], // Hong Kong form of 卫
    ['陳美玲', '陈美玲'],
  ])('when %s is stored and the agent types %s, then it is found at full score', async (stored, typed) => {
    const target = await account(stored);
    await account('欧阳娜');
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: typed });
    expect(ids(res)).toEqual([target.id]);
    expect(res.body[0]).toMatchObject({ matchedFields: ['fullName'], score: 15 });
  });
});

describe('lookup by name: pinyin', () => {
  it.each([
    'Wang Fang',
    'fang wang',
    'WANG Fang',
    'wangfang',
    'FangWang',
    'Wáng Fāng',
    'wang2 fang1',
    'Wang, Fang',
  ])(
    'when 王芳 is stored and the agent types "%s", then it is found and labelled as a pinyin match',
    async (typed) => {
      const target = await account('王芳');
      await account('王芬');
      await account('李芳');
      const c = await signedIn(t, 'agent');
      const res = await lookup(c, { fullName: typed });
      expect(ids(res)).toEqual([target.id]);
      expect(res.body[0]!.matchedFields).toEqual(['fullName:pinyin']);
    },
  );

  it.each([
    ['單田芳', 'Shan Tianfang'],
    ['曾小贤', 'Zeng Xiaoxian'],
    ['区家豪', 'Ou Jiahao'],
    ['仇伟', 'Qiu Wei'],
    ['解放', 'Xie Fang'],
    ['欧阳勇', 'Ouyang Yong'],
    ['歐陽勇', 'Yong Ou Yang'],
    ['司马懿', 'Sima Yi'],
    ['尉迟恭', 'Yuchi Gong'],
    ['吕布', 'Lü Bu'],
    ['吕布', 'lv bu'],
  ])('when %s is stored, then its surname is read as a surname: "%s" finds it', async (stored, typed) => {
    const target = await account(stored);
    await account('王芳');
    const c = await signedIn(t, 'agent');
    expect(ids(await lookup(c, { fullName: typed }))).toEqual([target.id]);
  });

  it('when the agent types the characters, then the exact name ranks above names that only sound the same', async () => {
    const homophone = await account('汪芳');
    const exact = await account('王芳');
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: '王芳' });
    expect(ids(res)).toEqual([exact.id, homophone.id]);
    expect(res.body.map((r) => r.matchedFields)).toEqual([['fullName'], ['fullName:pinyin']]);
    expect(res.body[0]!.score).toBeGreaterThan(res.body[1]!.score);
  });

  it('when a Latin-spelled customer and a Chinese one share the reading, then the Latin spelling is the exact match for a Latin query', async () => {
    const latin = await account('Fang Wang');
    const han = await account('王芳');
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Wang Fang' });
    expect(ids(res)).toEqual([latin.id, han.id]);
    expect(res.body.map((r) => r.matchedFields)).toEqual([['fullName'], ['fullName:pinyin']]);
  });
});

describe('lookup by name: partial names', () => {
  it('when the surname 王 alone is given and 25 customers carry it, then 20 come back and X-Too-Many-Matches says 25', async () => {
    for (let i = 0; i < 25; i++) await account(i % 2 ? '王伟' : '王小明');
    await account('李娜');
    const c = await signedIn(t, 'agent');
    for (const fullName of ['王', 'Wang']) {
      const res = await lookup(c, { fullName });
      expect(res.body, fullName).toHaveLength(20);
      expect(res.headers['x-too-many-matches'], fullName).toBe('25');
    }
  });

  it('when a given name alone is given, in characters or pinyin, then the customers with it are found', async () => {
    const xiaoming = await account('王小明');
    const traditional = await account('陳曉明');
    await account('王伟');
    const c = await signedIn(t, 'agent');
    const byHan = await lookup(c, { fullName: '小明' });
    expect(ids(byHan)).toEqual([xiaoming.id]);
    expect(byHan.body[0]!.matchedFields).toEqual(['fullName:partial']);
    expect(ids(await lookup(c, { fullName: '晓明' }))).toEqual([traditional.id]);
    for (const fullName of ['Xiaoming', 'xiao ming', 'Xiǎo Míng']) {
      const res = await lookup(c, { fullName });
      expect(ids(res).sort(), fullName).toEqual([xiaoming.id, traditional.id].sort());
      expect(res.body[0]!.matchedFields, fullName).toEqual(['fullName:partial:pinyin']);
    }
  });

  it('when a compound surname alone is given, then it matches the whole surname, not its first character', async () => {
    const ouyang = await account('歐陽娜');
    await account('欧美玲');
    const c = await signedIn(t, 'agent');
    expect(ids(await lookup(c, { fullName: '欧阳' }))).toEqual([ouyang.id]);
    expect(ids(await lookup(c, { fullName: 'Ouyang' }))).toEqual([ouyang.id]);
  });

  it('when a partial name matches nobody, then the answer is empty, and when it matches, never empty', async () => {
    await account('王小明');
    const c = await signedIn(t, 'agent');
    expect((await lookup(c, { fullName: '张' })).body).toEqual([]);
    expect((await lookup(c, { fullName: '王' })).body).toHaveLength(1);
  });
});

describe('lookup by name: namesakes told apart by a second detail', () => {
  async function arrangeNamesakes() {
    const wangs = [];
    for (let i = 0; i < 6; i++) {
      wangs.push(
        await account(i % 2 ? '王偉' : '王伟', {
          dateOfBirth: `198${i}-0${i + 1}-1${i}`,
          phone: `+861390000${String(1000 + i)}`,
          nationalId: `11010119800101${String(4000 + i)}`,
        }),
      );
    }
    // Sounds the same, and shares the third one's birthday and last 4.
    const homophone = await account('汪伟', {
      dateOfBirth: '1982-03-12',
      phone: '+8613900009999',
      nationalId: '110101198001014002',
    });
    return { wangs, homophone };
  }

  it.each([
    ['dateOfBirth', '1982-03-12'],
    ['dateOfBirth', '12/03/1982'],
    ['dateOfBirth', '1982年3月12日'],
    ['dateOfBirth', '19820312'],
    ['phone', '139 0000 1002'],
    ['phone', '+86 139-0000-1002'],
    ['phone', '0086 13900001002'],
    ['nationalIdLast4', '4002'],
  ])('when the name and %s "%s" are given, then the right 王伟 is first', async (field, value) => {
    const { wangs } = await arrangeNamesakes();
    const c = await signedIn(t, 'agent');
    for (const fullName of ['王伟', '王偉', 'Wang Wei', 'wei wang']) {
      const res = await lookup(c, { fullName, [field]: value });
      expect(res.body[0]?.id, `${fullName} + ${value}`).toBe(wangs[2]!.id);
    }
  });

  it('when the second detail is shared by a homophone, then the exact characters outrank the pinyin match', async () => {
    const { wangs, homophone } = await arrangeNamesakes();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: '王伟', dateOfBirth: '1982-03-12' });
    expect(ids(res).slice(0, 2)).toEqual([wangs[2]!.id, homophone.id]);
    expect(res.body[1]!.matchedFields).toEqual(['fullName:pinyin', 'dateOfBirth']);
    // Typed by sound, both match by pinyin: they tie, and the birthday alone cannot tell them apart.
    const bySound = await lookup(c, { fullName: 'Wang Wei', nationalIdLast4: '4002' });
    expect(bySound.body[0]!.score).toBe(bySound.body[1]!.score);
    expect(ids(bySound).slice(0, 2).sort()).toEqual([wangs[2]!.id, homophone.id].sort());
  });
});

describe('lookup by name: other scripts', () => {
  it.each([
    ['Иван Петров', 'Ivan Petrov'],
    ['Иван Петров', 'petrov ivan'],
    ['Наталья Ёлкина', 'Natalya Yolkina'],
    ['Олександр Шевченко', 'Oleksandr Shevchenko'],
    ['Γιώργος Παπαδόπουλος', 'Giorgos Papadopoulos'],
    ['Αλέξανδρος Παπαδόπουλος', 'Alexandros Papadopoulos'],
  ])('when %s is stored, then "%s" finds it as a transliteration', async (stored, typed) => {
    const target = await account(stored);
    await account('Ivan Smith');
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: typed });
    expect(ids(res)).toEqual([target.id]);
    expect(res.body[0]!.matchedFields).toEqual(['fullName:transliterated']);
  });

  it('when the stored Cyrillic name is typed in Cyrillic, in any case, then it is the exact match', async () => {
    const target = await account('Иван Петров');
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'ПЕТРОВ иван' });
    expect(res.body[0]).toMatchObject({ id: target.id, matchedFields: ['fullName'] });
  });

  it.each([
    ['Johann Strauß', 'Johann Strauss'],
    ['Søren Ørsted', 'Soren Orsted'],
    ['Æsa Lærke', 'Aesa Laerke'],
  ])('when %s is stored, then "%s" is the exact match', async (stored, typed) => {
    const target = await account(stored);
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: typed });
    expect(res.body[0]).toMatchObject({ id: target.id, matchedFields: ['fullName'] });
  });
});
