import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, lookupPins, verificationFreezes } from '../src/db/tables';
import { createAccount } from './factories/accounts';
import { check } from './factories/cases';
import {
  client,
  createStaffMember,
  makeTestApp,
  signedIn,
  signInWithTotp,
  TEST_TOTP_SECRET,
  type TestApp,
} from './harness';

/** Issue 7, finding 5: lookup is an unthrottled oracle. */
let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const rows = async (action: string) =>
  (await t.deps.db.select().from(auditEvents)).filter((e) => e.action === action);

/** 1990-01-01 plus n days, as an agent would type a birth date. */
const birthDate = (n: number) => new Date(Date.UTC(1990, 0, 1 + n)).toISOString().slice(0, 10);

describe('finding 5: lookup is an unthrottled oracle', () => {
  it('when an agent sends 40 lookups at once, then exactly the burst of 20 is answered and the rest get 429 with Retry-After, audited, in agent activity', async () => {
    await createAccount(t, { fullName: 'Chen Jing' });
    const agent = await signedIn(t, 'agent');
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => agent.post('/api/lookup', { fullName: 'Chen Jing' })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.message).toMatch(/Too many lookups/);

    const denied = (await rows('account.lookup')).filter((r) => r.outcome === 'denied');
    expect(denied).toHaveLength(1); // the first refusal of the window, not one row per refused request
    expect(JSON.parse(denied[0]!.details)).toMatchObject({ why: 'throttled', window: 'minute', limit: 20 });

    const supervisor = await signedIn(t, 'supervisor');
    const activity = await supervisor.get('/api/agent-activity');
    const me = activity.body.find((a: { id: number }) => a.id === agent.member.id);
    expect(me).toMatchObject({ lookups: 20, throttled: 1 });
    expect(me.flags).toContain('lookups_throttled');
  });

  it('when the same staff member signs in a second session or waits less than the window, then the limit holds; after the window it lifts', async () => {
    await createAccount(t, { fullName: 'Chen Jing' });
    const member = await createStaffMember(t, 'agent', { totpSecret: TEST_TOTP_SECRET });
    const sessions = [client(t), client(t)];
    for (const s of sessions) {
      expect((await signInWithTotp(t, s, member.username)).status).toBe(200);
      // A time step signs in once: the second session takes the next code.
      t.advance(30_000);
    }
    for (let i = 0; i < 20; i++) {
      expect((await sessions[i % 2]!.post('/api/lookup', { fullName: 'Chen Jing' })).status).toBe(200);
    }
    expect((await sessions[1]!.post('/api/lookup', { fullName: 'Chen Jing' })).status).toBe(429);
    t.advance(30_000);
    expect((await sessions[0]!.post('/api/lookup', { fullName: 'Chen Jing' })).status).toBe(429);
    t.advance(31_000);
    expect((await sessions[0]!.post('/api/lookup', { fullName: 'Chen Jing' })).status).toBe(200);
    // Another staff member has their own allowance.
    const other = await signedIn(t, 'agent');
    expect((await other.post('/api/lookup', { fullName: 'Chen Jing' })).status).toBe(200);
  });

  it('when the minute window passes, then its burst starts again but the hour keeps counting, and its 429 waits for the hour', async () => {
    await t.close();
    t = makeTestApp({ LOOKUP_LIMIT_PER_MINUTE: 3, LOOKUP_LIMIT_PER_HOUR: 6 });
    await createAccount(t, { fullName: 'Chen Jing' });
    const agent = await signedIn(t, 'agent');
    const ask = async () => (await agent.post('/api/lookup', { fullName: 'Chen Jing' })).status;
    for (let i = 0; i < 3; i++) expect(await ask()).toBe(200);
    expect(await ask()).toBe(429); // the minute's burst (a refused lookup is counted too: 4 of the hour's 6)
    t.advance(61_000);
    expect(await ask()).toBe(200);
    expect(await ask()).toBe(200); // the hour's 6th
    const refused = await agent.post('/api/lookup', { fullName: 'Chen Jing' });
    expect(refused.status).toBe(429);
    // The hour's window started with the first lookup, 61 s ago.
    expect(Number(refused.headers['retry-after'])).toBe(3600 - 61);
    const denied = (await rows('account.lookup')).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => JSON.parse(r.details).window)).toEqual(['minute', 'hour']);
    t.advance(3_600_000);
    expect(await ask()).toBe(200);
  });

  it('when an agent steps the birth date of a known account number, then the variations freeze its verification, a second agent and a new case start frozen, and the guessed details count toward no level', async () => {
    const { account } = await createAccount(t, { fullName: 'Zhou Min', dateOfBirth: '1990-01-09' });
    const agent = await signedIn(t, 'agent');
    let found: number | null = null;
    for (let n = 0; n < 12 && found === null; n++) {
      t.advance(3_100); // under the burst allowance: the oracle is the variation, not the speed
      const res = await agent.post('/api/lookup', {
        accountNumber: account.accountNumber,
        dateOfBirth: birthDate(n),
      });
      expect(res.status).toBe(200);
      if (res.body[0]?.matchedFields.includes('dateOfBirth')) found = n;
    }
    expect(found).toBe(8);
    // Wrong dates after the first: 7 variations, each audited and counted against the account.
    const variations = await rows('account.lookup_variation');
    expect(variations).toHaveLength(7);
    expect(variations.every((v) => v.targetId === String(account.id))).toBe(true);

    // The found birth date and the name, "said by the caller", count toward no level; verification is frozen.
    const second = await signedIn(t, 'agent');
    const opened = await second.post('/api/cases', {
      accountId: account.id,
      channel: 'phone',
      callerDetails: { fullName: 'Zhou Min', dateOfBirth: birthDate(8) },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ level: 0, verificationFrozen: true });
    expect(opened.body.checks).toEqual([]);
    const typed = await check(second, opened.body.id, 'full_name', 'Zhou Min');
    expect(typed.status).toBe(423);
    const caseOpen = (await rows('case.open')).at(-1)!;
    expect(JSON.parse(caseOpen.details)).toMatchObject({
      carriedFactors: [],
      withheldFactors: ['full_name', 'date_of_birth'],
      lookupVariations: 7,
    });
  });

  it('when a supervisor freezes an account by varying lookups, then a freeze record names them and they cannot review it themselves', async () => {
    const { account } = await createAccount(t, { fullName: 'Lin Tao', dateOfBirth: '1990-01-09' });
    const freezer = await signedIn(t, 'supervisor');
    // Three wrong birth dates after a first one: three variations, the third freezes the account.
    for (let n = 0; n < 4; n++) {
      t.advance(3_100);
      const res = await freezer.post('/api/lookup', {
        accountNumber: account.accountNumber,
        dateOfBirth: birthDate(n),
      });
      expect(res.status).toBe(200);
    }
    const freezes = await t.deps.db.select().from(verificationFreezes);
    expect(freezes).toMatchObject([
      { accountId: account.id, caseId: null, frozenBy: freezer.member.id, reviewedAt: null },
    ]);
    const opened = await freezer.post('/api/cases', { accountId: account.id, channel: 'phone' });
    expect(opened.body.verificationFrozen).toBe(true);
    const own = await freezer.post(`/api/cases/${opened.body.id}/unfreeze`, { reason: 'Looks fine to me' });
    expect(own.status).toBe(403);
    expect(own.body.missing).toEqual(['reviewer:other_than_freezer']);
    const other = await signedIn(t, 'supervisor');
    const reviewed = await other.post(`/api/cases/${opened.body.id}/unfreeze`, {
      reason: 'Caller verified by callback',
    });
    expect(reviewed.status).toBe(200);
    expect((await t.deps.db.select().from(verificationFreezes))[0]).toMatchObject({
      reviewedBy: other.member.id,
    });
  });

  it('when a phone pins an account and the name and birth date come with it, then both are kept as matched pins, and a second birth date is one variation', async () => {
    const { account } = await createAccount(t, {
      fullName: 'Zhou Min',
      dateOfBirth: '1990-01-09',
      phone: '+8613812340009',
    });
    const agent = await signedIn(t, 'agent');
    const said = { phone: '+8613812340009', fullName: 'Zhou Min' };
    expect((await agent.post('/api/lookup', { ...said, dateOfBirth: '1990-01-09' })).status).toBe(200);
    const pins = await t.deps.db.select().from(lookupPins);
    expect(pins.map((p) => [p.accountId, p.field, p.matched, p.varied]).sort()).toEqual([
      [account.id, 'dateOfBirth', true, false],
      [account.id, 'fullName', true, false],
    ]);
    // The same values again tell nothing new; another birth date (the name again) is one variation.
    expect((await agent.post('/api/lookup', { ...said, dateOfBirth: '1990-01-09' })).status).toBe(200);
    expect(await t.deps.db.select().from(lookupPins)).toHaveLength(2);
    expect((await agent.post('/api/lookup', { ...said, dateOfBirth: '1990-01-10' })).status).toBe(200);
    const variations = await rows('account.lookup_variation');
    expect(variations.map((r) => JSON.parse(r.details))).toEqual([
      { field: 'dateOfBirth', pinnedBy: ['phone'], earlierValues: 1 },
    ]);
  });

  it('when an agent retypes a wrong birth date once, or searches namesakes by name and birth date, then nothing counts against any account', async () => {
    const { account } = await createAccount(t, { fullName: 'Wang Wei', dateOfBirth: '1985-05-05' });
    await createAccount(t, { fullName: 'Wang Wei', dateOfBirth: '1986-06-06' });
    await createAccount(t, { fullName: 'Wang Wei', dateOfBirth: '1987-07-07' });
    const agent = await signedIn(t, 'agent');
    for (const dateOfBirth of ['1985-05-05', '1986-06-06', '1987-07-07', '1988-08-08']) {
      expect((await agent.post('/api/lookup', { fullName: 'Wang Wei', dateOfBirth })).status).toBe(200);
    }
    // A typo, then the right date, with the account number.
    await agent.post('/api/lookup', { accountNumber: account.accountNumber, dateOfBirth: '1985-05-06' });
    await agent.post('/api/lookup', { accountNumber: account.accountNumber, dateOfBirth: '1985-05-05' });
    expect(await rows('account.lookup_variation')).toHaveLength(0);
    const opened = await agent.post('/api/cases', {
      accountId: account.id,
      channel: 'phone',
      callerDetails: { fullName: 'Wang Wei', dateOfBirth: '1985-05-05' },
    });
    expect(opened.body).toMatchObject({ level: 1, verificationFrozen: false, mismatchCount: 0 });
  });

  it('when an agent already has an open case and lookups vary its account three times, then that case freezes too', async () => {
    const { account } = await createAccount(t, { fullName: 'Li Na', dateOfBirth: '1992-02-02' });
    const agent = await signedIn(t, 'agent');
    const opened = await agent.post('/api/cases', { accountId: account.id, channel: 'phone' });
    expect(opened.status).toBe(201);
    for (let n = 0; n < 4; n++) {
      await agent.post('/api/lookup', { accountNumber: account.accountNumber, dateOfBirth: birthDate(n) });
    }
    const kase = await agent.get(`/api/cases/${opened.body.id}`);
    expect(kase.body).toMatchObject({ mismatchCount: 3, verificationFrozen: true });
    expect((await rows('case.frozen')).map((r) => r.caseId)).toEqual([opened.body.id]);
  });
});
