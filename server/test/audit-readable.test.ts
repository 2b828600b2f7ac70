import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from './factories/accounts';
import { openCase, verifyTo } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

/** docs/design.md, Readable trail: targets as account number + masked name, staff by name, human CSV columns. */

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const filter = (f: Record<string, unknown>) => encodeURIComponent(JSON.stringify(f));

/** An agent holds a customer's account through a case: one account-target row and one case-target row. */
async function holdThroughCase() {
  const { account } = await createAccount(t, { fullName: '王小明' });
  const agent = await signedIn(t, 'agent');
  const kase = await openCase(agent, account.id);
  await verifyTo(t, agent, kase.id, account, 1);
  const current = (await agent.get(`/api/accounts/${account.id}`)).body as { version: number };
  const hold = await agent.post(`/api/accounts/${account.id}/hold`, {
    caseId: kase.id,
    reason: 'Customer asked, lost phone',
    version: current.version,
  });
  expect(hold.status).toBe(200);
  return { account, agent, kase };
}

/** A CSV line split into cells (quoted cells may hold commas). */
const cells = (line: string) =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, ''));

describe('a readable trail', () => {
  it('when a supervisor lists the trail, then a target reads as account number and masked name, a case action names its account, and staff show by full name', async () => {
    const { account, agent, kase } = await holdThroughCase();
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.get(`/api/audit-events?filter=${filter({ actorId: agent.member.id })}`);
    expect(res.status).toBe(200);
    const rows = res.body as {
      action: string;
      actorName: string;
      account: { accountNumber: string; maskedName: string } | null;
      targetType: string;
    }[];
    const hold = rows.find((r) => r.action === 'account.hold')!;
    expect(hold.actorName).toBe(agent.member.fullName);
    expect(hold.account).toEqual({
      accountId: account.id,
      accountNumber: account.accountNumber,
      maskedName: '王**',
    });
    const opened = rows.find((r) => r.action === 'case.open')!;
    expect(opened.account?.accountNumber).toBe(account.accountNumber);
    // Never the customer's full name, in any row.
    expect(JSON.stringify(res.body)).not.toContain('王小明');
    const one = await sup.get(
      `/api/audit-events/${(rows.find((r) => r.action === 'account.hold') as { id?: number }).id}`,
    );
    expect(one.body).toMatchObject({ actorName: agent.member.fullName, account: { maskedName: '王**' } });
    expect(kase.id).toBeGreaterThan(0);
  });

  it('when a staff member is the target, then the row names them', async () => {
    const sup = await signedIn(t, 'supervisor');
    const created = await sup.post('/api/staff', {
      username: 'lee.leaver',
      fullName: 'Lee Leaver',
      role: 'agent',
      reason: 'Temporary contract',
    });
    expect(created.status).toBe(201);
    const res = await sup.get(`/api/audit-events?filter=${filter({ action: 'staff.create' })}`);
    expect(res.body[0]).toMatchObject({
      targetType: 'staff',
      targetName: 'Lee Leaver',
      actorName: sup.member.fullName,
    });
  });

  it('when a supervisor exports in Chinese or English, then the columns are named in that language, times are ISO-8601 UTC and targets read as on screen', async () => {
    const { account, agent } = await holdThroughCase();
    const sup = await signedIn(t, 'supervisor');
    const zh = await sup.get(`/api/audit-events/export?filter=${filter({ action: 'account.hold' })}&lang=zh`);
    expect(zh.status).toBe(200);
    const [header, line, ...rest] = zh.text.trim().split('\n');
    expect(rest).toEqual([]);
    expect(cells(header!)).toEqual([
      '编号',
      '时间（UTC，ISO-8601）',
      '员工',
      '用户名',
      '角色',
      '操作',
      '操作代码',
      '对象',
      '工单',
      '结果',
      '原因',
      'IP 地址',
      '浏览器（User-Agent）',
      '请求 ID',
      '详情（JSON）',
      '前一哈希',
      '哈希',
    ]);
    const row = cells(line!);
    expect(row[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row.slice(2, 10)).toEqual([
      agent.member.fullName,
      agent.member.username,
      '客服专员',
      '冻结账户',
      'account.hold',
      `账户 ${account.accountNumber} 王**`,
      row[8],
      '成功',
    ]);
    expect(zh.text).not.toContain('王小明');

    // Without a language the request's Accept-Language decides; English otherwise.
    const en = await sup.get(`/api/audit-events/export?filter=${filter({ action: 'account.hold' })}`);
    expect(en.text.split('\n')[0]).toMatch(/^No\.,Time \(UTC ISO-8601\),Staff member,Username,Role,Action,/);
    expect(en.text).toContain(`Account ${account.accountNumber} 王**`);
    const bad = await sup.get('/api/audit-events/export?lang=fr');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('lang');
  });
});
