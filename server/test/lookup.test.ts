import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditEvents } from '../src/db/tables';
import { nameForms } from '../src/policy/normalize';
import { createAccount, insertCrowd } from './factories/accounts';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

type Agent = Awaited<ReturnType<typeof signedIn>>;
const lookup = (c: Agent, body: unknown) => c.post('/api/lookup', body);
const ids = (res: { body: Array<{ id: number }> }) => res.body.map((c) => c.id);
const lookupAudits = () =>
  t.deps.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'account.lookup'))
    .orderBy(auditEvents.id);

/** A few neighbours so a match is a real choice, not the only row in the table. */
async function arrangeCustomers() {
  const jose = await createAccount(t, {
    fullName: 'José Núñez',
    phone: '+8613812345678',
    email: 'Jose.Nunez@Example.com',
    dateOfBirth: '1990-03-05',
    accountNumber: 'OK1234567890',
    nationalId: '110101199003051234',
  });
  const wang = await createAccount(t, {
    fullName: '王小明',
    dateOfBirth: '1985-11-20',
    phone: '+8613900001111',
  });
  const other = await createAccount(t, { fullName: 'Joseph Nunes', dateOfBirth: '1979-01-02' });
  return { jose, wang, other };
}

describe('identity lookup: how callers say things', () => {
  it.each([
    ['fullName', 'José Núñez'],
    ['fullName', 'Núñez, José'],
    ['fullName', 'JOSE NUNEZ'],
    ['fullName', 'jose   nunez'],
    ['fullName', 'Ｊｏｓｅ　Ｎｕｎｅｚ'],
    ['phone', '+86 138-1234-5678'],
    ['phone', '0086 13812345678'],
    ['phone', '138 1234 5678'],
    ['phone', '(+86) 138 1234 5678'],
    ['email', '  JOSE.NUNEZ@example.COM '],
    ['accountNumber', 'OK 1234-567 890'],
    ['accountNumber', 'ok1234567890'],
    ['nationalIdLast4', '1234'],
  ])('when the caller gives %s as "%s", then José is the first candidate', async (field, value) => {
    const { jose } = await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { [field]: value });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ id: jose.account.id, matchedFields: [field] });
  });

  it.each(['1990-03-05', '05/03/1990', '1990年3月5日', '5 March 1990', '19900305'])(
    'when the date of birth is said as "%s", then José (born 1990-03-05) matches on it',
    async (dateOfBirth) => {
      const { jose } = await arrangeCustomers();
      const c = await signedIn(t, 'agent');
      const res = await lookup(c, { fullName: 'Jose Nunez', dateOfBirth });
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({ id: jose.account.id, matchedFields: ['fullName', 'dateOfBirth'] });
    },
  );

  it.each(['王小明', '王 小明', '王　小明'])(
    'when the name is said as "%s", then 王小明 is found',
    async (fullName) => {
      const { wang } = await arrangeCustomers();
      const c = await signedIn(t, 'agent');
      const res = await lookup(c, { fullName });
      expect(ids(res)).toEqual([wang.account.id]);
    },
  );

  it('when only part of the name or a run-together name is given, then the token index still finds it', async () => {
    const { jose } = await arrangeCustomers();
    const mary = await createAccount(t, { fullName: 'Maryann Smith' });
    const c = await signedIn(t, 'agent');
    const surname = await lookup(c, { fullName: 'Núñez' });
    expect(ids(surname)).toEqual([jose.account.id]);
    expect(surname.body[0].matchedFields).toEqual(['fullName:partial']);
    const split = await lookup(c, { fullName: 'Mary Ann Smith' });
    expect(ids(split)).toEqual([mary.account.id]);
  });

  it('when the name holds search-syntax words or symbols (OR, NOT, *, quotes, &, !), then they are words to match or dropped, never operators', async () => {
    const { jose } = await arrangeCustomers();
    await createAccount(t, { fullName: 'Ann Smith' });
    const c = await signedIn(t, 'agent');
    // Read as operators, these would find José (or Smith); as words, no customer has them all.
    for (const fullName of ['Nunez OR Smith', 'Jose NOT Nunez', 'Nunez AND Smith', 'NEAR Nunez']) {
      const res = await lookup(c, { fullName });
      expect(res.status, fullName).toBe(200);
      expect(ids(res), fullName).toEqual([]);
    }
    for (const fullName of ['nunez*', "'jose' & !nunez", '"Núñez"', 'núñez:*', 'jose\\ | nunez']) {
      const res = await lookup(c, { fullName });
      expect(ids(res), fullName).toEqual([jose.account.id]);
    }
  });

  it('when the account is renamed, then the name index follows it', async () => {
    const { jose } = await arrangeCustomers();
    // Written past the domain, as an import or a data fix would: the index follows the row itself.
    const rename = (fullName: string) =>
      t.deps.db
        .update(accounts)
        .set({ fullName, ...nameForms(fullName) })
        .where(eq(accounts.id, jose.account.id));
    await rename('Pepe Núñez');
    const c = await signedIn(t, 'agent');
    expect(ids(await lookup(c, { fullName: 'Pepe' }))).toEqual([jose.account.id]);
    expect(ids(await lookup(c, { fullName: 'José' }))).toEqual([]);
    await rename('楊家豪');
    for (const fullName of ['杨家豪', '家豪', 'Yang Jiahao', 'jiahao']) {
      expect(ids(await lookup(c, { fullName })), fullName).toEqual([jose.account.id]);
    }
    expect(ids(await lookup(c, { fullName: 'Pepe' }))).toEqual([]);
  });
});

describe('identity lookup: ranking', () => {
  it('when one account matches the account number and another only the name, then the account number wins', async () => {
    const byName = await createAccount(t, { fullName: 'Li Wei' });
    const byNumber = await createAccount(t, { fullName: 'Zhang San', accountNumber: 'OK5550001111' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Li Wei', accountNumber: 'OK 555 000 1111' });
    expect(ids(res)).toEqual([byNumber.account.id, byName.account.id]);
    expect(res.body[0].score).toBeGreaterThan(res.body[1].score);
    expect(res.body[1].matchedFields).toEqual(['fullName']);
  });

  it('when several details agree, then the account matching most of them comes first with each listed', async () => {
    const { jose, other } = await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Jose Nunez', dateOfBirth: '1979-01-02', phone: '13812345678' });
    expect(res.body[0]).toMatchObject({ id: jose.account.id, matchedFields: ['phone', 'fullName'] });
    expect(res.body[1]).toMatchObject({ id: other.account.id, matchedFields: ['dateOfBirth'] });
  });

  it('when an exact name and a partial name both match, then the exact one ranks higher', async () => {
    const partial = await createAccount(t, { fullName: 'Ana Maria Lopez' });
    const exact = await createAccount(t, { fullName: 'Ana Lopez' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'lopez ana' });
    expect(ids(res)).toEqual([exact.account.id, partial.account.id]);
  });

  it('when some namesakes match the whole name and others only some of its words, then the whole-name ones come first and each says how it matched', async () => {
    const exact = [];
    for (let i = 0; i < 3; i++) exact.push(await createAccount(t, { fullName: 'Chen Jing' }));
    const partial = await createAccount(t, { fullName: 'Chen Mei Jing' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'jing chen' });
    expect(ids(res)).toEqual([...exact.map((a) => a.account.id), partial.account.id]);
    expect(res.body.map((r: { matchedFields: string[] }) => r.matchedFields)).toEqual([
      ['fullName'],
      ['fullName'],
      ['fullName'],
      ['fullName:partial'],
    ]);
  });

  it('when more namesakes than a probe reads share the name, then the one also sharing the birthday comes first, a partial name with the birthday next, then the namesakes', async () => {
    await insertCrowd(t, 230, () => ({ fullName: 'Chen Jing' }));
    // Created after the crowd: beyond what the name probe reads, so only the birthday probe finds them.
    const partial = await createAccount(t, { fullName: 'Chen Mei Jing', dateOfBirth: '1991-07-08' });
    const caller = await createAccount(t, { fullName: 'Chen Jing', dateOfBirth: '1991-07-08' });
    await createAccount(t, { fullName: 'Li Hua', dateOfBirth: '1991-07-08' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Chen Jing', dateOfBirth: '08/07/1991' });
    expect(res.body).toHaveLength(20);
    expect(ids(res).slice(0, 2)).toEqual([caller.account.id, partial.account.id]);
    expect(res.body[0].matchedFields).toEqual(['fullName', 'dateOfBirth']);
    expect(res.body[1].matchedFields).toEqual(['fullName:partial', 'dateOfBirth']);
    expect(
      res.body.slice(2).every((r: { matchedFields: string[] }) => r.matchedFields.join() === 'fullName'),
    ).toBe(true);
    expect(res.headers['x-too-many-matches']).toBeUndefined();
  });

  it('when the last 4 is shared past what its probe reads, then a partial name with that last 4 still outranks the whole-name namesakes', async () => {
    // 25 whole-name namesakes would make the word search look useless (they outrank any partial name
    // alone), but the partial name may also hold the last 4, which its crowded probe did not reach.
    for (let i = 0; i < 25; i++) await createAccount(t, { fullName: 'Chen Jing' });
    await insertCrowd(t, 230, (i) => ({ fullName: `Crowd ${i}`, nationalIdLast4: '0000' }));
    const partial = await createAccount(t, { fullName: 'Chen Mei Jing', nationalId: '110101199001010000' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Chen Jing', nationalIdLast4: '0000' });
    expect(res.body[0].id).toBe(partial.account.id);
    expect(res.body[0].matchedFields).toEqual(['nationalIdLast4', 'fullName:partial']);
    expect(res.body[0].score).toBe(28);
  });

  it('when nothing matches, then the answer is an empty list and no header', async () => {
    await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { email: 'nobody@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.headers['x-too-many-matches']).toBeUndefined();
  });
});

describe('identity lookup: too many matches', () => {
  it('when 25 accounts share the name, then 20 come back and X-Too-Many-Matches says 25', async () => {
    for (let i = 0; i < 25; i++) await createAccount(t, { fullName: 'Chen Jing' });
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Chen Jing' });
    expect(res.body).toHaveLength(20);
    expect(res.headers['x-too-many-matches']).toBe('25');
    expect(JSON.parse((await lookupAudits())[0]!.details)).toEqual({
      fields: ['fullName'],
      results: 20,
      tooMany: true,
    });
  });

  it('when more than the probe limit share a birthday, then the count goes on past what was read', async () => {
    await insertCrowd(t, 230, (i) => ({ nameKey: `${i} p` }));
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { dateOfBirth: '1970-01-01' });
    expect(res.body).toHaveLength(20);
    expect(res.headers['x-too-many-matches']).toBe('230');
  });

  it('when more than a thousand share the name, then the count stops there and says 1000+', async () => {
    await insertCrowd(t, 1_005, () => ({ fullName: 'Chen Jing' }));
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Chen Jing' });
    expect(res.body).toHaveLength(20);
    expect(res.headers['x-too-many-matches']).toBe('1000+');
    // By some of its words too (the word search counts with the same cap).
    const partial = await lookup(c, { fullName: 'Jing' });
    expect(partial.headers['x-too-many-matches']).toBe('1000+');
  });

  it('when one account fits everything and others share only the birthday, then there is no header', async () => {
    for (let i = 0; i < 25; i++)
      await createAccount(t, { fullName: `Someone ${i}`, dateOfBirth: '1990-03-05' });
    const { jose } = await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'Jose Nunez', dateOfBirth: '1990-03-05' });
    expect(res.body[0].id).toBe(jose.account.id);
    expect(res.body).toHaveLength(20);
    expect(res.headers['x-too-many-matches']).toBeUndefined();
  });
});

describe('identity lookup: what it answers and what it keeps', () => {
  it('when a candidate comes back, then it carries masked fields only and no raw email, phone, birthday or national ID', async () => {
    const { jose } = await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { fullName: 'José Núñez', phone: '+86 138 1234 5678' });
    expect(Object.keys(res.body[0]).sort()).toEqual(
      [
        'accountNumber',
        'birthYear',
        'country',
        'fullName',
        'id',
        'lockReason',
        'maskedEmail',
        'maskedPhone',
        'matchedFields',
        'score',
        'status',
      ].sort(),
    );
    expect(res.body[0]).toMatchObject({
      maskedEmail: 'J***z@E**.com',
      maskedPhone: '+86 *******5678',
      birthYear: 1990,
    });
    const text = JSON.stringify(res.body) + JSON.stringify(res.headers);
    for (const secret of [
      'Jose.Nunez@Example.com',
      'jose.nunez@example.com',
      '13812345678',
      '1990-03-05',
      jose.nationalId,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('when a lookup runs, then it is audited with the field names used and never their values', async () => {
    await arrangeCustomers();
    const c = await signedIn(t, 'supervisor');
    await lookup(c, { phone: '138 1234 5678', dateOfBirth: '05/03/1990', fullName: '' });
    const [event] = await lookupAudits();
    expect(event).toMatchObject({ outcome: 'success', actorId: c.member.id });
    expect(JSON.parse(event!.details)).toEqual({
      fields: ['phone', 'dateOfBirth'],
      results: 1,
      tooMany: false,
    });
    expect(event!.details).not.toMatch(/1381234|1990/);
  });

  it('when nobody is signed in, then 401 and nothing is searched', async () => {
    await arrangeCustomers();
    const res = await client(t).post('/api/lookup', { fullName: 'Jose Nunez' });
    expect(res.status).toBe(401);
    expect(await lookupAudits()).toHaveLength(0);
  });
});

describe('identity lookup: bad requests', () => {
  it.each([
    [{}, 'body'],
    [{ fullName: '   ', phone: '' }, 'body'],
    [{ fullName: 'Jose', shoeSize: 42 }, 'shoeSize'],
    [{ name: 'Jose' }, 'name'],
    [[{ fullName: 'Jose' }], '_'],
    [{ phone: '12' }, 'phone'],
    [{ phone: 'call me maybe' }, 'phone'],
    [{ dateOfBirth: '31/02/1990' }, 'dateOfBirth'],
    [{ dateOfBirth: '05/03/90' }, 'dateOfBirth'],
    [{ email: 'not-an-email' }, 'email'],
    [{ accountNumber: 'OK#12' }, 'accountNumber'],
    [{ nationalIdLast4: '12' }, 'nationalIdLast4'],
    [{ fullName: 'x'.repeat(201) }, 'fullName'],
    [{ fullName: 42 }, 'fullName'],
    [{ fullName: '12 34' }, 'fullName'],
  ])('when the body is %j, then 400 names %s and nothing is audited', async (body, field) => {
    await arrangeCustomers();
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
    expect(await lookupAudits()).toHaveLength(0);
  });

  it('when a phone and a date are both unreadable, then the 400 names both', async () => {
    const c = await signedIn(t, 'agent');
    const res = await lookup(c, { phone: 'abc1', dateOfBirth: 'yesterday' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['dateOfBirth', 'phone']);
  });
});
