import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawGet, rawRun } from '../src/db/rows';
import { client, createStaffMember, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

describe('audit trail API', () => {
  it('when a supervisor lists events, then sign-ins are there newest first with a Content-Range', async () => {
    const agent = await signedIn(t, 'agent');
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.get('/api/audit-events?sort=["id","DESC"]&range=[0,9]');
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('audit-events 0-1/2');
    expect(res.body.map((e: { actorUsername: string }) => e.actorUsername)).toEqual([
      sup.member.username,
      agent.member.username,
    ]);
    const mine = await sup.get(
      `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ actorId: agent.member.id }))}`,
    );
    expect(mine.body).toHaveLength(1);
  });

  it('when an agent asks for the audit trail, then 403 and the attempt is itself visible to supervisors', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await agent.get('/api/audit-events')).status).toBe(403);
    expect((await agent.get('/api/audit-events/verify')).status).toBe(403);
    expect((await client(t).get('/api/audit-events/export')).status).toBe(401);
    const sup = await signedIn(t, 'supervisor');
    const denied = await sup.get(
      `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ action: 'access.denied' }))}`,
    );
    expect(denied.body).toHaveLength(2);
    expect(denied.body[0]).toMatchObject({ actorId: agent.member.id, outcome: 'denied' });
    expect(JSON.parse(denied.body[1].details).route).toBe('/api/audit-events');
  });

  it('when the chain is intact, then verify says ok; after tampering it names the row', async () => {
    const sup = await signedIn(t, 'supervisor');
    const ok = await sup.get('/api/audit-events/verify');
    expect(ok.body).toEqual({ ok: true, checked: 1, firstBrokenId: null });
    await rawRun(t.deps.db, {
      sqlite: 'DROP TRIGGER audit_events_no_update',
      pg: 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete',
    });
    await rawRun(t.deps.db, "UPDATE audit_events SET ip = '10.0.0.1' WHERE id = 1");
    const broken = await sup.get('/api/audit-events/verify');
    expect(broken.body).toMatchObject({ ok: false, firstBrokenId: 1 });
  });

  it('when a supervisor exports, then a CSV with a header row and one line per event streams back, formulas neutralised', async () => {
    // A staff member's own name is kept in the trail (a stranger's typing is only hashed).
    await createStaffMember(t, 'agent', { username: '=HYPERLINK("x")' });
    await client(t).post('/api/auth/login', { username: '=HYPERLINK("x")', password: 'whatever' });
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.get(
      `/api/audit-events/export?filter=${encodeURIComponent(JSON.stringify({ action: 'staff.sign_in' }))}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toMatch(/^No\.,Time \(UTC ISO-8601\),Staff member,Username,/);
    expect(lines).toHaveLength(3);
    expect(res.text).toContain(`"'=HYPERLINK(""x"")"`);
    // Times in ISO-8601 UTC, the instant the trail holds.
    const at = lines[1]!.split(',')[1]!;
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const stored = await rawGet<{ at: number }>(t.deps.db, 'SELECT at FROM audit_events WHERE id = ?', [
      Number(lines[1]!.split(',')[0]),
    ]);
    expect(Date.parse(at)).toBe(stored!.at);
  });

  it('when a list filter or sort is malformed, then 400 names it', async () => {
    const sup = await signedIn(t, 'supervisor');
    const badFilter = await sup.get('/api/audit-events?filter={nope');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors).toHaveProperty('filter');
    const badSort = await sup.get('/api/audit-events?sort=["hash","ASC"]');
    expect(badSort.body.errors).toHaveProperty('sort');
    const unknownKey = await sup.get(`/api/audit-events?filter=${encodeURIComponent('{"password":"x"}')}`);
    expect(unknownKey.status).toBe(400);
  });
});

describe('the HTTP shell', () => {
  it('when any API answer is sent, then security headers are set and it is not cacheable', async () => {
    const res = await client(t).get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when an unknown API route is called, then a JSON 404', async () => {
    const res = await client(t).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/not found/);
  });
});
