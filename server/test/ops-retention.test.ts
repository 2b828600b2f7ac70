import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChainPg } from '../src/audit/pgAppend';
import { verifyChain } from '../src/audit/verify';
import type { PgDbOrTx } from '../src/db/pg';
import { firstRow } from '../src/db/rows';
import {
  auditEvents,
  cases,
  customerTokens,
  loginEvents,
  lookupPins,
  messages,
  oneTimeCodes,
  verificationChecks,
} from '../src/db/tables';
import { VARIATION_WINDOW_MS } from '../src/lookup/lookupVariation';
import { runRetention } from '../src/ops/retention';
import { itSqliteOnly } from './engine/testDatabase';
import { addLoginEvent, createAccount } from './factories/accounts';
import { createStaffMember, makeTestApp, type TestApp } from './harness';

const DAY = 86_400_000;

/** The audit chain verified on whichever engine the test runs. */
const verifiedChain = async () =>
  t.deps.sqlite
    ? verifyChain(t.deps.sqlite, t.deps.keys.auditKey)
    : verifyChainPg(t.deps.db as unknown as PgDbOrTx, t.deps.keys.auditKey);
let t: TestApp;
afterEach(() => t.close());

/** The database file and its WAL as raw bytes: what someone copying the files would read. */
const fileBytes = () =>
  [t.dbFile, `${t.dbFile}-wal`]
    .map((f) => {
      try {
        return readFileSync(f).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');

async function world() {
  t = makeTestApp();
  const now = t.deps.now();
  const db = t.deps.db;
  const { account } = await createAccount(t);
  const agent = await createStaffMember(t, 'agent');

  const oldEvent = await addLoginEvent(t, account.id, {
    at: now - 181 * DAY,
    ip: '198.51.100.201',
    device: 'OldMarkerPhone',
  });
  const recentEvent = await addLoginEvent(t, account.id, { at: now - 179 * DAY });

  const message = async (body: string, ageDays: number, extra: Partial<typeof messages.$inferInsert>) =>
    (await firstRow(
      db
        .insert(messages)
        .values({
          accountId: account.id,
          channel: 'email',
          template: 'account_unlocked',
          recipient: account.email,
          recipientMasked: 'x***',
          language: 'en',
          subject: 'Your account',
          body,
          status: 'sent',
          createdAt: now - ageDays * DAY,
          updatedAt: now - ageDays * DAY,
          ...extra,
        })
        .returning(),
    ))!;
  const oldSent = await message('OldSentMarkerBody', 366, { sentAt: now - 366 * DAY });
  const oldGaveUp = await message('gave up', 400, { status: 'failed', nextAttemptAt: null, attempts: 8 });
  const oldRetrying = await message('still retrying', 400, { status: 'failed', nextAttemptAt: now + 60_000 });
  const oldQueued = await message('never sent yet', 400, {
    status: 'queued',
    nextAttemptAt: now - 400 * DAY,
  });
  const recentSent = await message('recent', 300, { sentAt: now - 300 * DAY });

  const token = async (usedAt: number | null, expiresAt: number, hash: string) =>
    (await firstRow(
      db
        .insert(customerTokens)
        .values({ accountId: account.id, purpose: 'password_reset', tokenHash: hash, expiresAt, usedAt })
        .returning(),
    ))!;
  const spentToken = await token(now - 31 * DAY, now - 30 * DAY, 'spent');
  const expiredToken = await token(null, now - 31 * DAY, 'expired');
  const liveToken = await token(null, now + DAY, 'live');

  const kase = async (closedDaysAgo: number | null, subject: string) =>
    (await firstRow(
      db
        .insert(cases)
        .values({
          accountId: account.id,
          openedBy: agent.id,
          channel: 'phone',
          subject,
          status: closedDaysAgo === null ? 'open' : 'closed',
          resolution: closedDaysAgo === null ? null : 'information_only',
          openedAt: now - 800 * DAY,
          closedAt: closedDaysAgo === null ? null : now - closedDaysAgo * DAY,
        })
        .returning(),
    ))!;
  const oldCase = await kase(731, 'CallerSaidOldMarker');
  const recentCase = await kase(100, 'recent case');
  const openCase = await kase(null, 'still open');
  for (const c of [oldCase, recentCase, openCase]) {
    await db
      .insert(verificationChecks)
      .values({ caseId: c.id, factor: 'full_name', matched: true, staffId: agent.id });
    await db.insert(oneTimeCodes).values({
      caseId: c.id,
      accountId: account.id,
      channel: 'sms',
      codeHash: `h${c.id}`,
      expiresAt: now - 700 * DAY,
      usedAt: now - 700 * DAY,
    });
  }
  return {
    oldEvent,
    recentEvent,
    oldSent,
    oldGaveUp,
    oldRetrying,
    oldQueued,
    recentSent,
    spentToken,
    expiredToken,
    liveToken,
    oldCase,
    recentCase,
    openCase,
  };
}

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b);

describe('retention job', () => {
  it('when rows are past their time, then they are deleted — never queued messages, live tokens, open cases or the audit trail — and the run is audited with counts', async () => {
    const w = await world();
    const db = t.deps.db;
    const auditBefore = (await db.select().from(auditEvents)).length;

    const run = await runRetention(t.deps);

    expect(run.counts).toEqual({
      loginEvents: 1,
      messages: 2,
      oneTimeCodes: 3,
      customerTokens: 2,
      caseEvidence: 1,
      lookupPins: 0,
    });
    expect(ids(await db.select().from(loginEvents))).toEqual([w.recentEvent.id]);
    expect(ids(await db.select().from(messages))).toEqual(ids([w.oldRetrying, w.oldQueued, w.recentSent]));
    expect(ids(await db.select().from(customerTokens))).toEqual([w.liveToken.id]);
    // The old closed case keeps its row (the trail names it) but no evidence; the others keep theirs.
    const evidenceOf = async (id: number) => ({
      subject: (await firstRow(db.select().from(cases).where(eq(cases.id, id)).limit(1)))?.subject,
      checks: (await db.select().from(verificationChecks).where(eq(verificationChecks.caseId, id))).length,
      codes: (await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.caseId, id))).length,
    });
    expect(await evidenceOf(w.oldCase.id)).toEqual({ subject: null, checks: 0, codes: 0 });
    expect(await evidenceOf(w.recentCase.id)).toEqual({ subject: 'recent case', checks: 1, codes: 0 });
    expect(await evidenceOf(w.openCase.id)).toEqual({ subject: 'still open', checks: 1, codes: 0 });

    const trail = await db.select().from(auditEvents);
    expect(trail).toHaveLength(auditBefore + 1);
    const row = trail.at(-1)!;
    expect(row).toMatchObject({
      action: 'retention.purge',
      outcome: 'success',
      actorUsername: 'system',
      id: run.auditId,
    });
    expect(JSON.parse(row.details)).toMatchObject({
      counts: run.counts,
      keptDays: { loginEvents: 180, messages: 365, tokensAndCodes: 30, caseEvidence: 730 },
    });
    expect(await verifiedChain()).toMatchObject({ ok: true });
  });

  itSqliteOnly(
    'when a row is deleted, then its customer data is gone from the database file and WAL, not just unreachable',
    "reads the SQLite file's bytes (secure_delete, WAL checkpoint); PostgreSQL keeps dead rows in its heap and WAL until VACUUM",
    async () => {
      await world();
      t.deps.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
      const before = fileBytes();
      for (const marker of ['198.51.100.201', 'OldMarkerPhone', 'OldSentMarkerBody', 'CallerSaidOldMarker']) {
        expect(before).toContain(marker);
      }
      await runRetention(t.deps);
      const after = fileBytes();
      for (const marker of ['198.51.100.201', 'OldMarkerPhone', 'OldSentMarkerBody', 'CallerSaidOldMarker']) {
        expect(after, marker).not.toContain(marker);
      }
    },
  );

  it('when run again the next day, then nothing more is deleted and it is still audited, with zero counts', async () => {
    await world();
    await runRetention(t.deps);
    t.advance(DAY / 24);
    const again = await runRetention(t.deps);
    expect(again.counts).toEqual({
      loginEvents: 0,
      messages: 0,
      oneTimeCodes: 0,
      customerTokens: 0,
      caseEvidence: 0,
      lookupPins: 0,
    });
    const rows = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.purge'));
    expect(rows).toHaveLength(2);
  });

  it('when two instances run the job at the same moment, then each expired row is removed once and both runs are audited', async () => {
    await world();
    const [a, b] = await Promise.all([runRetention(t.deps), runRetention(t.deps)]);
    const both = Object.fromEntries(
      (Object.keys(a.counts) as Array<keyof typeof a.counts>).map((kind) => [
        kind,
        a.counts[kind] + b.counts[kind],
      ]),
    );
    expect(both).toEqual({
      loginEvents: 1,
      messages: 2,
      oneTimeCodes: 3,
      customerTokens: 2,
      caseEvidence: 1,
      lookupPins: 0,
    });
    const runs = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.purge'));
    expect(runs.map((r) => r.outcome)).toEqual(['success', 'success']);
    expect(await verifiedChain()).toMatchObject({ ok: true });
  });

  it('when lookup pins are older than the variation window, then they are deleted and the recent ones kept', async () => {
    await world();
    const { account } = await createAccount(t);
    const staffId = (await createStaffMember(t, 'agent')).id;
    const pin = async (at: number, valueHash: string) =>
      (await firstRow(
        t.deps.db
          .insert(lookupPins)
          .values({
            accountId: account.id,
            field: 'dateOfBirth',
            valueHash,
            matched: false,
            varied: true,
            staffId,
            at,
          })
          .returning(),
      ))!;
    // Pins are read only within the 24-hour variation window (docs/design.md, Lookup limits): beyond it, a
    // keyed hash of what someone typed about a customer is kept for nothing.
    await pin(t.deps.now() - VARIATION_WINDOW_MS - 1, 'OldPinMarkerHash');
    const recent = await pin(t.deps.now() - VARIATION_WINDOW_MS + 60_000, 'RecentPinMarkerHash');
    const run = await runRetention(t.deps);
    expect(run.counts.lookupPins).toBe(1);
    expect(ids(await t.deps.db.select().from(lookupPins))).toEqual([recent.id]);
  });

  it('when retention periods are configured shorter, then the job follows them', async () => {
    await world();
    t.deps.config.RETENTION_LOGIN_EVENTS_DAYS = 100;
    const run = await runRetention(t.deps);
    expect(run.counts.loginEvents).toBe(2);
  });

  it('when shutdown stops a run midway, then what was deleted so far is audited as an error row', async () => {
    await world();
    await expect(runRetention(t.deps, { shouldStop: () => true })).rejects.toThrow(/stopped by shutdown/);
    const row = await firstRow(
      t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.purge')).limit(1),
    );
    expect(row).toMatchObject({ outcome: 'error' });
    expect(JSON.parse(row!.details).error).toBe('stopped by shutdown');
  });
});
