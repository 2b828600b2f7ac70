import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devices, messages } from '../src/db/tables';
import { addDevice, createAccount, reloadAccount } from './factories/accounts';
import { auditRows, openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const REASON = 'Customer sold this tablet';

async function arrange(level: 0 | 1) {
  const agent = await signedIn(t, 'agent');
  const { account } = await createAccount(t);
  const tablet = await addDevice(t, account.id, 'iPad Air');
  const phone = await addDevice(t, account.id, 'iPhone 15');
  const kase = await openCase(agent, account.id);
  if (level) await verifyTo(t, agent, kase.id, account, 1);
  return { agent, account: await reloadAccount(t, account.id), tablet, phone, kase };
}
const deviceRow = async (id: number) =>
  (await t.deps.db.select().from(devices).where(eq(devices.id, id)))[0]!;

describe('sign out one device', () => {
  it('when an agent at L1 signs out one device, then only it is signed out, the version moves, the customer is told which and it is audited', async () => {
    const { agent, account, tablet, phone, kase } = await arrange(1);
    const res = await agent.post(`/api/accounts/${account.id}/devices/${tablet.id}/sign-out`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(account.version + 1);
    expect((await deviceRow(tablet.id)).revokedAt).not.toBeNull();
    expect((await deviceRow(phone.id)).revokedAt).toBeNull();
    const notice = await t.deps.db.select().from(messages).where(eq(messages.accountId, account.id));
    expect(notice.map((m) => m.template)).toContain('device_signed_out');
    expect(notice.find((m) => m.template === 'device_signed_out')!.body).toContain('iPad Air');
    const [row] = await auditRows(t, 'account.sign_out_device');
    expect(row).toMatchObject({ outcome: 'success', caseId: kase.id, reason: REASON });
    expect(JSON.parse(row!.details).device).toMatchObject({ id: tablet.id, label: 'iPad Air' });
  });

  it('when the case is below L1, then 403 naming level:L1, audited, and the device stays signed in', async () => {
    const { agent, account, tablet, kase } = await arrange(0);
    const res = await agent.post(`/api/accounts/${account.id}/devices/${tablet.id}/sign-out`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version,
    });
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['level:L1']);
    expect((await deviceRow(tablet.id)).revokedAt).toBeNull();
    expect((await auditRows(t, 'account.sign_out_device'))[0]).toMatchObject({ outcome: 'denied' });
  });

  it('when the device is another account’s, already signed out, or the id is not plain decimal, then 404/404/400 and nothing changes', async () => {
    const { agent, account, tablet, kase } = await arrange(1);
    const { account: other } = await createAccount(t);
    const theirs = await addDevice(t, other.id, 'Pixel 8');
    const body = { caseId: kase.id, reason: REASON, version: account.version };
    const foreign = await agent.post(`/api/accounts/${account.id}/devices/${theirs.id}/sign-out`, body);
    expect(foreign.status).toBe(404);
    expect((await deviceRow(theirs.id)).revokedAt).toBeNull();
    expect((await reloadAccount(t, account.id)).version).toBe(account.version);
    const first = await agent.post(`/api/accounts/${account.id}/devices/${tablet.id}/sign-out`, body);
    expect(first.status).toBe(200);
    const again = await agent.post(`/api/accounts/${account.id}/devices/${tablet.id}/sign-out`, {
      ...body,
      version: first.body.version,
    });
    expect(again.status).toBe(404);
    expect((await agent.post(`/api/accounts/${account.id}/devices/0x1/sign-out`, body)).status).toBe(400);
  });

  it('when the version is stale, then 409 and the device stays signed in', async () => {
    const { agent, account, tablet, kase } = await arrange(1);
    const res = await agent.post(`/api/accounts/${account.id}/devices/${tablet.id}/sign-out`, {
      caseId: kase.id,
      reason: REASON,
      version: account.version - 1 || 99,
    });
    expect(res.status).toBe(409);
    expect((await deviceRow(tablet.id)).revokedAt).toBeNull();
  });
});
