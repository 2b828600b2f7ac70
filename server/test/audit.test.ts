import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/domain';
import { GENESIS_HASH } from '../src/audit/chain';
import { verifyChain } from '../src/audit/verify';
import { type AuditContext, appendAudit } from '../src/audit/writer';
import { inTransaction } from '../src/db/client';
import { accounts, auditEvents } from '../src/db/schema';
import { createAccount } from './factories/accounts';
import { makeTestApp, type TestApp } from './harness';

let t: TestApp;
let ctx: AuditContext;
beforeEach(() => {
  t = makeTestApp();
  ctx = {
    actor: { id: 1, username: 'agent', role: 'agent' },
    ip: '127.0.0.1',
    userAgent: 'test',
    requestId: 'r1',
    auditKey: t.deps.keys.auditKey,
    now: t.deps.now,
  };
});
afterEach(() => t.close());

// Made-up action names: these tests are about the chain, not the vocabulary.
const write = (action: string) =>
  inTransaction(t.deps.db, async (tx) =>
    appendAudit(tx, ctx, { action: action as AuditAction, outcome: 'success', details: { n: 1 } }),
  );

describe('audit writer', () => {
  it('when events are appended, then each links to the previous hash and the chain verifies', async () => {
    await write('a.one');
    await write('a.two');
    await write('a.three');
    const rows = t.deps.db.select().from(auditEvents).orderBy(auditEvents.id).all();
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(verifyChain(t.deps.sqlite!, t.deps.keys.auditKey)).toEqual({
      ok: true,
      checked: 3,
      firstBrokenId: null,
    });
  });

  it('when the app clock moves, then audit times follow it (the same clock as the changes they record)', async () => {
    t.advance(3_600_000);
    const id = await write('a.later');
    expect(t.deps.db.select().from(auditEvents).where(eq(auditEvents.id, id)).get()!.at).toBe(t.deps.now());
  });

  it('when someone tries to UPDATE or DELETE an audit row, then the database refuses', async () => {
    const id = await write('a.one');
    expect(() =>
      t.deps.sqlite!.prepare('UPDATE audit_events SET reason = ? WHERE id = ?').run('x', id),
    ).toThrow(/append-only/);
    expect(() => t.deps.sqlite!.prepare('DELETE FROM audit_events WHERE id = ?').run(id)).toThrow(
      /append-only/,
    );
    expect(t.deps.db.select().from(auditEvents).all()).toHaveLength(1);
  });

  it('when the transaction holding the change fails, then neither the change nor its audit row remain', async () => {
    const { account } = await createAccount(t);
    await expect(
      inTransaction(t.deps.db, async (tx) => {
        await tx
          .update(accounts)
          .set({ status: 'locked', lockReason: 'customer_request' })
          .where(eq(accounts.id, account.id));
        await appendAudit(tx, ctx, {
          action: 'account.hold',
          outcome: 'success',
          targetType: 'account',
          targetId: account.id,
        });
        throw new Error('notice could not be queued');
      }),
    ).rejects.toThrow('notice could not be queued');
    expect(t.deps.db.select().from(auditEvents).all()).toHaveLength(0);
    expect(t.deps.db.select().from(accounts).where(eq(accounts.id, account.id)).get()!.status).toBe('active');
  });

  it('when a row is changed behind the triggers, then verification names that row', async () => {
    await write('a.one');
    const second = await write('a.two');
    await write('a.three');
    // An attacker with write access drops the trigger first; the HMAC key is not in the database.
    t.deps.sqlite!.exec('DROP TRIGGER audit_events_no_update');
    t.deps.sqlite!.prepare("UPDATE audit_events SET reason = 'covered up' WHERE id = ?").run(second);
    expect(verifyChain(t.deps.sqlite!, t.deps.keys.auditKey)).toEqual({
      ok: false,
      checked: 1,
      firstBrokenId: second,
    });
  });

  it('when the chain is recomputed with another key, then verification fails at the first row', async () => {
    const first = await write('a.one');
    expect(verifyChain(t.deps.sqlite!, Buffer.from('another key entirely, 32 bytes!!')).firstBrokenId).toBe(
      first,
    );
  });
});
