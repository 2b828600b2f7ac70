import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/domain';
import { GENESIS_HASH } from '../src/audit/chain';
import { verifyTrailPg } from '../src/audit/pagedReads';
import { verifyChain } from '../src/audit/verify';
import { type AuditContext, appendAudit } from '../src/audit/writer';
import { inTransaction } from '../src/db/client';
import { firstRow, rawRun } from '../src/db/rows';
import { accounts, auditEvents } from '../src/db/tables';
import { TEST_ENGINE } from './engine/testDatabase';
import { createAccount } from './factories/accounts';
import { auditContext } from './factories/auditTrail';
import { makeTestApp, type TestApp } from './harness';

let t: TestApp;
let ctx: AuditContext;
beforeEach(() => {
  t = makeTestApp();
  ctx = auditContext(t);
});
afterEach(() => t.close());

/** The chain's verdict on either engine (SQLite: the worker's own walk; PostgreSQL: keyset pages and the head). */
const verify = async (key = t.deps.keys.auditKey) =>
  t.deps.sqlite ? verifyChain(t.deps.sqlite, key) : verifyTrailPg(t.deps.db, key);

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
    const rows = await t.deps.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(await verify()).toEqual({
      ok: true,
      checked: 3,
      firstBrokenId: null,
    });
  });

  it('when the app clock moves, then audit times follow it (the same clock as the changes they record)', async () => {
    t.advance(3_600_000);
    const id = await write('a.later');
    const row = await firstRow(t.deps.db.select().from(auditEvents).where(eq(auditEvents.id, id)));
    expect(row!.at).toBe(t.deps.now());
  });

  it('when someone tries to UPDATE or DELETE an audit row, then the database refuses', async () => {
    const id = await write('a.one');
    await expect(
      rawRun(t.deps.db, 'UPDATE audit_events SET reason = ? WHERE id = ?', ['x', id]),
    ).rejects.toThrow(/append-only/);
    await expect(rawRun(t.deps.db, 'DELETE FROM audit_events WHERE id = ?', [id])).rejects.toThrow(
      /append-only/,
    );
    expect(await t.deps.db.select().from(auditEvents)).toHaveLength(1);
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
    expect(await t.deps.db.select().from(auditEvents)).toHaveLength(0);
    const after = await firstRow(t.deps.db.select().from(accounts).where(eq(accounts.id, account.id)));
    expect(after!.status).toBe('active');
  });

  it('when a row is changed behind the triggers, then verification names that row', async () => {
    await write('a.one');
    const second = await write('a.two');
    await write('a.three');
    // An attacker with write access drops the trigger first; the HMAC key is not in the database.
    await rawRun(t.deps.db, {
      sqlite: 'DROP TRIGGER audit_events_no_update',
      pg: 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete',
    });
    await rawRun(t.deps.db, "UPDATE audit_events SET reason = 'covered up' WHERE id = ?", [second]);
    expect(await verify()).toEqual({
      ok: false,
      checked: 1,
      firstBrokenId: second,
    });
  });

  it('when the chain is recomputed with another key, then verification fails at the first row', async () => {
    const first = await write('a.one');
    expect((await verify(Buffer.from('another key entirely, 32 bytes!!'))).firstBrokenId).toBe(first);
  });

  it('when twenty writers append at once, then the chain does not fork and verifies', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => write(`a.w${i}`)));
    expect(await verify()).toEqual({ ok: true, checked: 20, firstBrokenId: null });
  });

  if (TEST_ENGINE === 'pg')
    it('when an append is given the pool instead of a transaction (PostgreSQL), then it refuses and writes nothing', async () => {
      await expect(
        appendAudit(t.deps.db, ctx, { action: 'account.view', outcome: 'success' }),
      ).rejects.toThrow(/needs a transaction/);
      expect(await t.deps.db.select().from(auditEvents)).toHaveLength(0);
    });
});
