import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScript } from './cli-harness';
import { createAccount } from './factories/accounts';
import { lastCodeSent, openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

async function delivered(count: number) {
  for (let i = 0; i < 100; i++) {
    const files = (() => {
      try {
        return readdirSync(t.deps.config.MAILBOX_DIR).filter((f) => /\.(eml|json)$/.test(f));
      } catch {
        return [];
      }
    })();
    if (files.length >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('messages were not delivered to the mailbox folder');
}

describe('npm run mailbox', () => {
  it('when the server wrote a reset email and a code SMS, then the listing shows the link and the code decoded', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t, { fullName: '王小明' });
    const kase = await openCase(agent, account.id);
    await verifyTo(t, agent, kase.id, account, 1);
    const reset = await agent.post(`/api/accounts/${account.id}/password-reset`, {
      caseId: kase.id,
      reason: 'caller never got the email',
      channel: 'email',
    });
    expect(reset.status).toBe(202);
    await agent.post(`/api/cases/${kase.id}/otp`, { channel: 'sms' });
    const code = await lastCodeSent(t, kase.id, 'sms');
    await delivered(2);
    const out = await runScript('mailbox.ts', ['--dir', t.deps.config.MAILBOX_DIR, '--limit', '10']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/\/wallet\/reset-password\?token=[A-Za-z0-9_%-]{20,}/);
    expect(out.stdout).toContain(code);
    expect(out.stdout).toContain(`SMS to ${account.phone}`);
    expect(out.stdout).toContain(`Email to ${account.email}`);
  }, 60_000);

  it('when the folder does not exist, then it says so and exits 0', async () => {
    const out = await runScript('mailbox.ts', ['--dir', `${t.dir}/nowhere`]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('No mailbox folder');
  }, 60_000);
});
