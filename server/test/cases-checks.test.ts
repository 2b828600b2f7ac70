import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages, oneTimeCodes, verificationChecks } from '../src/db/tables';
import { addTransactions, createAccount } from './factories/accounts';
import { auditRows, check, lastCodeSent, openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const FROZEN = 'Verification is frozen: a supervisor must review this case';

async function agentWithCase(overrides: Parameters<typeof createAccount>[1] = {}) {
  const agent = await signedIn(t, 'agent');
  const created = await createAccount(t, overrides);
  const kase = await openCase(agent, created.account.id);
  return { agent, kase, ...created };
}

describe('identifying factors, compared on the server in any common format', () => {
  it.each([
    ['full_name', ['王小明', '王 小明', '　王小明　'], ['王小名']],
    [
      'date_of_birth',
      ['1990-03-05', '1990/3/5', '1990年3月5日', '05/03/1990', '05.03.1990', '１９９０-０３-０５'],
      ['1990-05-04', '1991-03-05'],
    ],
    [
      'phone',
      ['+86 138 1234 5678', '0086 13812345678', '138-1234-5678', '13812345678'],
      ['13812345679', 'none'],
    ],
    ['email', ['Wang.XM@Example.com', '  wang.xm@example.com '], ['wang.xm@example.org']],
    ['national_id_last4', ['123X', '123x', '11010119900305123X', '1 2 3 X'], ['1234']],
  ])('when %s is given as %j, then it matches; as %j, then not', async (factor, good, bad) => {
    const { agent, kase } = await agentWithCase({
      fullName: '王小明',
      dateOfBirth: '1990-03-05',
      phone: '+8613812345678',
      email: 'wang.xm@example.com',
      nationalId: '11010119900305123X',
    });
    for (const value of good) {
      const res = await check(agent, kase.id, factor, value);
      expect(res.status, value).toBe(200);
      expect(res.body, value).toEqual({ factor, matched: true, level: expect.any(Number) });
    }
    // One mismatch at a time so the case does not freeze mid-table.
    const res = await check(agent, kase.id, factor, bad[0]!);
    expect(res.body.matched).toBe(false);
    if (bad[1]) {
      const again = await check(agent, kase.id, factor, bad[1]);
      expect(again.body.matched).toBe(false);
    }
  });

  it('when a Latin name comes in another order, case, width or without accents, then it matches', async () => {
    const { agent, kase } = await agentWithCase({ fullName: 'José Núñez' });
    for (const value of ['jose nunez', 'NÚÑEZ, José', 'Ｊｏｓｅ　Ｎｕｎｅｚ'])
      expect((await check(agent, kase.id, 'full_name', value)).body.matched, value).toBe(true);
  });

  it('when two identifying factors match, then the case is L1, and the answer never carries a stored value', async () => {
    const { agent, kase, account } = await agentWithCase();
    const first = await check(agent, kase.id, 'email', account.email.toUpperCase());
    expect(first.body).toEqual({ factor: 'email', matched: true, level: 0 });
    const second = await check(agent, kase.id, 'date_of_birth', '5/3/1990');
    expect(second.body).toEqual({ factor: 'date_of_birth', matched: true, level: 1 });
    const shown = await agent.get(`/api/cases/${kase.id}`);
    expect(JSON.stringify(shown.body)).not.toContain(account.email);
    expect(JSON.stringify(shown.body)).not.toContain('1990-03-05');
    const details = (await auditRows(t, 'case.check')).map((r) => JSON.parse(r.details));
    expect(details[1]).toEqual({ factor: 'date_of_birth', matched: true, source: 'typed', level: 1 });
  });

  it('when the factor or value is invalid, then 400 naming it and no check is stored', async () => {
    const { agent, kase } = await agentWithCase();
    const res = await check(agent, kase.id, 'mothers_maiden_name', 'x');
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('factor');
    expect((await check(agent, kase.id, 'email', '   ')).body.errors).toHaveProperty('value');
    expect(await t.deps.db.select().from(verificationChecks)).toHaveLength(0);
  });
});

describe('private knowledge: a recent transaction', () => {
  it('when the amount of one of the last 5 transactions is said in any format, then it matches to the cent', async () => {
    const { agent, kase, account } = await agentWithCase();
    await addTransactions(t, account.id, [9999, 1234.5, -88, 20, 30, 40]);
    for (const value of ['1,234.50', '¥1234.5', '１２３４．５０', 'CNY 1234.50', '1.234,50', '88', '-88.00'])
      expect((await check(agent, kase.id, 'recent_transaction', value)).body.matched, value).toBe(true);
    expect((await check(agent, kase.id, 'recent_transaction', '1234.51')).body.matched).toBe(false);
    // 9999 is the sixth most recent: too old to count.
    expect((await check(agent, kase.id, 'recent_transaction', '9999')).body.matched).toBe(false);
  });

  it('when L1 is reached and a transaction matches, then the level is 2', async () => {
    const { agent, kase, account } = await agentWithCase();
    await addTransactions(t, account.id, [77.7]);
    await check(agent, kase.id, 'full_name', account.fullName);
    await check(agent, kase.id, 'phone', account.phone);
    expect((await check(agent, kase.id, 'recent_transaction', '77.70')).body.level).toBe(2);
  });
});

describe('freezing after three mismatches', () => {
  it('when three checks fail, then the third still answers, and further checks and code sends answer 423 until a supervisor unfreezes', async () => {
    const { agent, kase, account } = await agentWithCase();
    for (const value of ['a', 'b'])
      expect((await check(agent, kase.id, 'full_name', value)).status).toBe(200);
    const third = await check(agent, kase.id, 'email', 'wrong@example.com');
    expect(third.body.matched).toBe(false);
    const frozen = await check(agent, kase.id, 'full_name', account.fullName);
    expect(frozen.status).toBe(423);
    expect(frozen.body.message).toBe(FROZEN);
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(423);
    expect(await auditRows(t, 'case.frozen')).toHaveLength(1);
    expect((await auditRows(t, 'case.check')).filter((r) => r.outcome === 'denied')).toHaveLength(1);

    expect(
      (await agent.post(`/api/cases/${kase.id}/unfreeze`, { reason: 'I want to continue' })).status,
    ).toBe(403);
    const boss = await signedIn(t, 'supervisor');
    expect((await boss.post(`/api/cases/${kase.id}/unfreeze`, { reason: 'no' })).status).toBe(400);
    const unfrozen = await boss.post(`/api/cases/${kase.id}/unfreeze`, {
      reason: 'Caller re-identified by callback',
    });
    expect(unfrozen.status).toBe(200);
    expect(unfrozen.body).toMatchObject({ verificationFrozen: false, mismatchCount: 0 });
    expect(JSON.parse((await auditRows(t, 'case.unfreeze'))[0]!.details)).toEqual({ mismatchCountBefore: 3 });
    expect((await check(agent, kase.id, 'full_name', account.fullName)).body.matched).toBe(true);
  });

  it('when the lookup details carried into a case mismatch, then they count toward the freeze', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { dateOfBirth: '1980-01-01' });
    const kase = await openCase(agent, account.id, {
      fullName: 'Somebody Else',
      dateOfBirth: '1999-12-31',
      email: account.email,
    });
    expect(kase).toMatchObject({ mismatchCount: 2, verificationFrozen: false, level: 0 });
    expect((await check(agent, kase.id, 'phone', '+1 202 555 0123')).body.matched).toBe(false);
    expect((await check(agent, kase.id, 'phone', account.phone)).status).toBe(423);
  });
});

describe('one-time codes', () => {
  it('when a code is sent by SMS, then 202 with the masked phone only, and the code from the customer’s phone matches once', async () => {
    const { agent, kase, account } = await agentWithCase({ phone: '+8613812345678' });
    const sent = await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      channel: 'sms',
      maskedRecipient: '+86 *******5678',
      expiresAt: t.deps.now() + 600_000,
    });
    const code = await lastCodeSent(t, kase.id, 'sms');
    expect(JSON.stringify(sent.body)).not.toContain(code);
    const stored = await t.deps.db.select().from(oneTimeCodes);
    expect(stored[0]!.codeHash).not.toContain(code);
    const shown = await agent.get(`/api/cases/${kase.id}`);
    expect(JSON.stringify(shown.body)).not.toContain(code);
    const [otpAudit] = await auditRows(t, 'case.otp');
    expect(otpAudit).toMatchObject({ outcome: 'success', caseId: kase.id });
    expect(JSON.parse(otpAudit!.details)).toEqual({ channel: 'sms', maskedRecipient: '+86 *******5678' });
    const msg = (await t.deps.db.select().from(messages))[0]!;
    expect(msg).toMatchObject({
      caseId: kase.id,
      channel: 'sms',
      template: 'verification_code',
      recipient: account.phone,
    });

    const ok = await check(agent, kase.id, 'sms_otp', ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(ok.body.matched).toBe(true);
    expect(JSON.stringify(ok.body)).not.toContain(code);
    // The same code again is "already used" (409), not a mismatch that would count toward the freeze.
    const again = await check(agent, kase.id, 'sms_otp', code);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('code_already_used');
    expect(JSON.stringify(await auditRows(t))).not.toContain(code);
  });

  it('when the code is older than 10 minutes, used on the other channel, or superseded by a new one, then it does not match', async () => {
    const { agent, kase } = await agentWithCase();
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    const first = await lastCodeSent(t, kase.id, 'email');
    expect((await check(agent, kase.id, 'sms_otp', first)).body.matched).toBe(false);
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    const second = await lastCodeSent(t, kase.id, 'email');
    if (first !== second) expect((await check(agent, kase.id, 'email_otp', first)).body.matched).toBe(false);
    t.advance(10 * 60_000 + 1);
    expect((await check(agent, kase.id, 'email_otp', second)).body.matched).toBe(false);
  });

  it('when codes are asked a fourth time within 15 minutes on any channel, then 429 with Retry-After; later it works again', async () => {
    const { agent, kase } = await agentWithCase();
    for (const channel of ['sms', 'email', 'sms'])
      expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel })).status).toBe(202);
    const limited = await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
    expect(await t.deps.db.select().from(messages)).toHaveLength(3);
    t.advance(15 * 60_000 + 1);
    expect((await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' })).status).toBe(202);
  });

  it('when L1, a code and a transaction all match, then the case reaches L3', async () => {
    const { agent, kase, account } = await agentWithCase();
    await addTransactions(t, account.id, [500]);
    await check(agent, kase.id, 'full_name', account.fullName);
    await check(agent, kase.id, 'date_of_birth', account.dateOfBirth);
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'email' });
    expect(
      (await check(agent, kase.id, 'email_otp', await lastCodeSent(t, kase.id, 'email'))).body.level,
    ).toBe(2);
    expect((await check(agent, kase.id, 'recent_transaction', '500')).body.level).toBe(3);
  });

  it('when the channel is unknown, then 400 naming it', async () => {
    const { agent, kase } = await agentWithCase();
    const res = await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'pigeon' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('channel');
  });
});
