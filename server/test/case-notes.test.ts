import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRun } from '../src/db/rows';
import { caseNotes } from '../src/db/tables';
import { createAccount } from './factories/accounts';
import { auditRows, openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const notesOfAccount = (accountId: number) =>
  `/api/case-notes?filter=${encodeURIComponent(JSON.stringify({ accountId }))}`;

describe('case notes', () => {
  it('when the owner writes a note, then 201 with author and time, shown on the case, audited by length and not text', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const text = 'Caller travelling in Japan, lost phone at the airport';
    const res = await agent.post(`/api/cases/${kase.id}/notes`, { text });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: kase.id,
      accountId: account.id,
      text,
      author: { id: agent.member.id, username: agent.member.username },
      createdAt: expect.any(Number),
    });
    const shown = await agent.get(`/api/cases/${kase.id}`);
    expect(shown.body.notes).toEqual([res.body]);
    const [row] = await auditRows(t, 'case.note');
    expect(row).toMatchObject({ outcome: 'success', caseId: kase.id });
    expect(JSON.parse(row!.details)).toEqual({ noteId: res.body.id, length: text.length });
    expect(JSON.stringify(row)).not.toContain('Japan');
  });

  it('when a note is empty, longer than 2,000 characters or not a string, then 400 naming text and nothing is stored', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    for (const body of [
      {},
      { text: '   ' },
      { text: 'x'.repeat(2001) },
      { text: 42 },
      { text: 'ok', extra: 1 },
    ]) {
      const res = await agent.post(`/api/cases/${kase.id}/notes`, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(Object.keys(res.body.errors).length).toBeGreaterThan(0);
    }
    expect((await agent.post(`/api/cases/${kase.id}/notes`, { text: 'y'.repeat(2000) })).status).toBe(201);
    expect(await t.deps.db.select().from(caseNotes)).toHaveLength(1);
  });

  it.each([
    ['code 381 044 read back by the caller', 'one_time_code'],
    ['her password is Sunny2024!', 'password'],
    ['card 4111 1111 1111 1111', 'card_number'],
  ])(
    'when a note says %j, then 400 “never write what the caller must keep secret” and nothing is stored',
    async (text, kind) => {
      const agent = await signedIn(t, 'agent');
      const { account } = await createAccount(t);
      const kase = await openCase(agent, account.id);
      const res = await agent.post(`/api/cases/${kase.id}/notes`, { text });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'secret_in_text', kind });
      expect(res.body.message).toMatch(/^Never write what the caller must keep secret/);
      expect(res.body.errors.text).toBe(res.body.message);
      expect(await t.deps.db.select().from(caseNotes)).toEqual([]);
      expect(await auditRows(t, 'case.note')).toEqual([]);
    },
  );

  it('when anyone tries to edit or delete a note in the database, then the triggers refuse it', async () => {
    const agent = await signedIn(t, 'agent');
    const { account } = await createAccount(t);
    const kase = await openCase(agent, account.id);
    const { body } = await agent.post(`/api/cases/${kase.id}/notes`, { text: 'first version' });
    await expect(rawRun(t.deps.db, "UPDATE case_notes SET text = 'rewritten'")).rejects.toThrow(
      /append-only/,
    );
    await expect(rawRun(t.deps.db, 'DELETE FROM case_notes')).rejects.toThrow(/append-only/);
    expect((await t.deps.db.select().from(caseNotes).where(eq(caseNotes.id, body.id)))[0]?.text).toBe(
      'first version',
    );
    expect((await agent.get('/api/cases/1')).body.notes.map((n: { text: string }) => n.text)).toEqual([
      'first version',
    ]);
  });

  it('when an agent writes on someone else’s case, then 404; the account timeline lists only notes of cases they may read', async () => {
    const alice = await signedIn(t, 'agent');
    const bob = await signedIn(t, 'agent');
    const boss = await signedIn(t, 'supervisor');
    const { account } = await createAccount(t);
    const aliceCase = await openCase(alice, account.id);
    const bobCase = await openCase(bob, account.id);
    await alice.post(`/api/cases/${aliceCase.id}/notes`, { text: 'Alice: caller upset' });
    await bob.post(`/api/cases/${bobCase.id}/notes`, { text: 'Bob: second call' });
    expect((await alice.post(`/api/cases/${bobCase.id}/notes`, { text: 'sneaky' })).status).toBe(404);
    const aliceSees = await alice.get(notesOfAccount(account.id));
    expect(aliceSees.body.map((n: { text: string }) => n.text)).toEqual(['Alice: caller upset']);
    const bossSees = await boss.get(notesOfAccount(account.id));
    expect(bossSees.headers['content-range']).toBe('case-notes 0-1/2');
    expect(bossSees.body.map((n: { text: string }) => n.text).sort()).toEqual([
      'Alice: caller upset',
      'Bob: second call',
    ]);
  });
});
