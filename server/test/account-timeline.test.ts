import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from './factories/accounts';
import { openCase, verifyTo } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const timeline = (
  c: Awaited<ReturnType<typeof signedIn>>,
  filter: Record<string, unknown>,
  range = [0, 49],
) =>
  c.get(
    `/api/account-timeline?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify(range))}`,
  );

function walletSignIn(login: string, password: string) {
  return client(t)
    .agent.post('/api/wallet/login')
    .set('X-Requested-With', 'XMLHttpRequest')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ login, password }));
}

describe('account timeline', () => {
  it('when a customer locks themselves out and an agent unlocks them, then the timeline tells it in order: failed sign-ins, the lock, the unlock, the notice', async () => {
    const { account } = await createAccount(t);
    for (let i = 0; i < 5; i++) {
      await walletSignIn(account.email, 'wrong password');
      t.advance(1_000);
    }
    const agent = await signedIn(t, 'agent');
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 2);
    const locked = (await agent.get(`/api/accounts/${account.id}`)).body as {
      version: number;
      status: string;
    };
    expect(locked.status).toBe('locked');
    t.advance(60_000);
    const unlocked = await agent.post(`/api/accounts/${account.id}/unlock`, {
      caseId: kase.id,
      reason: 'Caller verified, typo in password',
      version: locked.version,
    });
    expect(unlocked.status).toBe(200);

    const res = await timeline(agent, { accountId: account.id, caseId: kase.id });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^account-timeline 0-\d+\/\d+$/);
    const story = (res.body as { kind: string; what: string }[]).map((e) => `${e.kind}:${e.what}`).reverse();
    // Oldest first for reading; the views and lookups are not part of the customer's story.
    expect(story.filter((s) => s.startsWith('sign_in:'))).toEqual([
      'sign_in:failure',
      'sign_in:failure',
      'sign_in:failure',
      'sign_in:failure',
      'sign_in:locked_out',
    ]);
    const lock = story.indexOf('action:wallet.auto_lock');
    const unlock = story.indexOf('action:account.unlock');
    const notice = story.indexOf('message:account_unlocked');
    expect(lock).toBeGreaterThan(-1);
    expect(unlock).toBeGreaterThan(lock);
    expect(notice).toBeGreaterThan(unlock);
    expect(story.some((s) => s === 'action:account.view' || s === 'action:account.lookup')).toBe(false);
    const unlockRow = (res.body as { what: string; actor: string; reason: string }[]).find(
      (e) => e.what === 'account.unlock',
    );
    expect(unlockRow).toMatchObject({
      actor: agent.member.fullName,
      reason: 'Caller verified, typo in password',
    });
    // Nothing personal beyond what the account page already shows masked.
    expect(JSON.stringify(res.body)).not.toContain(account.email);

    const onlyMessages = await timeline(agent, { accountId: account.id, kind: 'message' });
    expect(new Set(onlyMessages.body.map((e: { kind: string }) => e.kind))).toEqual(new Set(['message']));
    const page = await timeline(agent, { accountId: account.id }, [0, 1]);
    expect(page.body).toHaveLength(2);
    expect(page.headers['content-range']).toMatch(/\+$/);
  });

  it('when the filter lacks the account or names an unknown kind, then 400 names it', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await timeline(agent, {})).body.errors).toHaveProperty('filter.accountId');
    expect((await timeline(agent, { accountId: 1, kind: 'secrets' })).status).toBe(400);
    expect((await client(t).get('/api/account-timeline?filter={"accountId":1}')).status).toBe(401);
  });
});
