import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditContext, appendAudit } from '../src/audit/writer';
import { indexedReason, searchWords } from '../src/db/auditWords';
import { inTransaction } from '../src/db/client';
import { auditContext } from './factories/auditTrail';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Chinese-speaking agents write their reasons without spaces; their supervisors search the trail for a word
 * inside one (db/auditWords.ts). On either engine (the pg run uses the same file).
 */

let t: TestApp;
let ctx: AuditContext;
beforeEach(() => {
  t = makeTestApp();
  ctx = auditContext(t);
});
afterEach(() => t.close());

const REASONS = [
  '客户来电要求解冻，已核实身份',
  '客户忘记注册邮箱，申请找回账户',
  '疑似盗号，先冻结账户',
  'Customer asked to unlock after 5 wrong passwords',
  'VIP客户要求重置密码',
  '求解：账户为何被锁',
] as const;

async function writeReasons() {
  for (const reason of REASONS)
    await inTransaction(t.deps.db, (tx) =>
      appendAudit(tx, ctx, {
        action: 'case.note',
        outcome: 'success',
        targetType: 'account',
        targetId: 7,
        reason,
      }),
    );
}

async function search(q: string): Promise<string[]> {
  const sup = await signedIn(t, 'supervisor');
  const res = await sup.get(`/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ q }))}`);
  expect(res.status, q).toBe(200);
  return (res.body as { reason: string | null }[])
    .map((e) => e.reason ?? '')
    .filter((r) => REASONS.includes(r as never));
}

describe('Chinese in the audit trail search', () => {
  it('when an agent wrote a reason in Chinese, then a supervisor finds it by a word inside it', async () => {
    await writeReasons();
    expect(await search('解冻')).toEqual(['客户来电要求解冻，已核实身份']);
    expect(await search('账户')).toEqual([
      '求解：账户为何被锁',
      '疑似盗号，先冻结账户',
      '客户忘记注册邮箱，申请找回账户',
    ]);
    expect(await search('注册邮箱')).toEqual(['客户忘记注册邮箱，申请找回账户']);
    // One character asks for that character.
    expect(await search('锁')).toEqual(['求解：账户为何被锁']);
    // A word next to Latin letters, and the Latin word itself.
    expect(await search('VIP')).toEqual(['VIP客户要求重置密码']);
    expect((await search('客户 密码')).sort()).toEqual(['VIP客户要求重置密码']);
    // Full-width letters typed in a search are the ASCII ones (NFKC).
    expect(await search('ＶＩＰ')).toEqual(['VIP客户要求重置密码']);
    // English still matches whole words only.
    expect(await search('unlock')).toEqual(['Customer asked to unlock after 5 wrong passwords']);
    expect(await search('解冻账户')).toEqual([]);
  });

  it('when the reasons are searched by a whole sentence, then the sentence finds its own row', async () => {
    await writeReasons();
    expect(await search('客户来电要求解冻')).toEqual(['客户来电要求解冻，已核实身份']);
  });
});

describe('the words a reason is indexed and searched by', () => {
  it('when a reason has a spaceless run, then the index reads its characters and pairs, and a search asks for its pairs', () => {
    expect(indexedReason('要求解冻 ok')).toBe(' 要 求 解 冻 要求 求解 解冻  ok');
    expect(indexedReason('plain text')).toBe('plain text');
    expect(indexedReason(null)).toBeNull();
    expect(searchWords('要求解冻')).toEqual(['要求', '求解', '解冻']);
    expect(searchWords('冻')).toEqual(['冻']);
    expect(searchWords('VIP客户')).toEqual(['VIP', '客户']);
    expect(searchWords('sign_in "x" OR')).toEqual(['sign_in', 'x', 'OR']);
  });
});
