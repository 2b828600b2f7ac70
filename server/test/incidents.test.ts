import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidents } from '../src/db/tables';
import { addLoginEvent, createAccount } from './factories/accounts';
import { auditRows } from './factories/cases';
import { client, makeTestApp, signedIn, type TestApp } from './harness';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const MIN = 60_000;
const RESOLVED = { reason: 'SMS gateway delivers again' };

/** What a supervisor types: SMS codes late since ten minutes ago, back in an hour. */
function smsDelays(overrides: Record<string, unknown> = {}) {
  const now = t.deps.now();
  return {
    titleEn: 'SMS delays',
    titleZh: '短信延迟',
    customerTextEn: 'Text-message codes may arrive late. Please wait a few minutes before asking again.',
    customerTextZh: '短信验证码可能延迟送达，请稍候几分钟再重新获取。',
    affected: ['sms', 'sign_in'],
    startsAt: now - 10 * MIN,
    expectedEndAt: now + 60 * MIN,
    ...overrides,
  };
}

const incidentCount = async () => (await t.deps.db.select().from(incidents)).length;

function walletSignIn(login: string, password: string) {
  return client(t)
    .agent.post('/api/wallet/login')
    .set('X-Requested-With', 'XMLHttpRequest')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ login, password }));
}

describe('service status: incidents', () => {
  it('when a supervisor posts an incident, then agents see it active, GET /api/status gives its public shape to anyone, and the trail has incident.post', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    expect((await client(t).get('/api/status')).body).toEqual({ status: 'ok', incidents: [] });

    const posted = await supervisor.post('/api/incidents', smsDelays());
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      id: expect.any(Number),
      titleZh: '短信延迟',
      affected: ['sign_in', 'sms'],
      active: true,
      resolvedAt: null,
      createdBy: supervisor.member.id,
      version: 1,
    });

    const banner = await agent.get('/api/incidents?filter={"active":true}');
    expect(banner.status).toBe(200);
    expect(banner.body.map((i: { id: number }) => i.id)).toEqual([posted.body.id]);
    expect(banner.headers['content-range']).toBe('incidents 0-0/1');

    const status = await client(t).get('/api/status');
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      status: 'incident',
      incidents: [
        {
          id: posted.body.id,
          title: { en: 'SMS delays', zh: '短信延迟' },
          text: { en: smsDelays().customerTextEn, zh: smsDelays().customerTextZh },
          affected: ['sign_in', 'sms'],
          startsAt: posted.body.startsAt,
          expectedEndAt: posted.body.expectedEndAt,
        },
      ],
    });
    // Nothing about who posted it or how the desk keeps it.
    expect(JSON.stringify(status.body)).not.toMatch(/createdBy|version|supervisor/);

    const [row] = await auditRows(t, 'incident.post');
    expect(row).toMatchObject({
      outcome: 'success',
      actorId: supervisor.member.id,
      targetType: 'incident',
      targetId: String(posted.body.id),
    });
    expect(JSON.parse(row!.details ?? '{}').after).toMatchObject({
      titleEn: 'SMS delays',
      affected: ['sign_in', 'sms'],
    });
  });

  it('when an incident starts later, then it is not active yet: no banner, not on the status page', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const later = t.deps.now() + 60 * MIN;
    const posted = await supervisor.post(
      '/api/incidents',
      smsDelays({ startsAt: later, expectedEndAt: later + MIN }),
    );
    expect(posted.body.active).toBe(false);
    expect((await supervisor.get('/api/incidents?filter={"active":true}')).body).toEqual([]);
    expect((await client(t).get('/api/status')).body.incidents).toEqual([]);
    t.advance(61 * MIN);
    expect((await client(t).get('/api/status')).body.incidents.map((i: { id: number }) => i.id)).toEqual([
      posted.body.id,
    ]);
  });

  it('when the input is bad, then 400 names the field and nothing is written, not even an audit row', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const trail = (await auditRows(t)).length;
    const now = t.deps.now();
    const cases: [Record<string, unknown>, string][] = [
      [smsDelays({ expectedEndAt: now - 20 * MIN }), 'expectedEndAt'],
      [smsDelays({ expectedEndAt: now - 10 * MIN }), 'expectedEndAt'],
      [smsDelays({ titleZh: '   ' }), 'titleZh'],
      [smsDelays({ customerTextEn: undefined }), 'customerTextEn'],
      [smsDelays({ affected: [] }), 'affected'],
      [smsDelays({ affected: ['sms', 'sms'] }), 'affected'],
      [smsDelays({ affected: ['weather'] }), 'affected.0'],
      [smsDelays({ startsAt: '09:10' }), 'startsAt'],
      [smsDelays({ startsAt: now - 400 * 24 * 60 * MIN, expectedEndAt: null }), 'startsAt'],
      [smsDelays({ resolvedAt: now }), '_'],
    ];
    for (const [body, field] of cases) {
      const res = await supervisor.post('/api/incidents', body);
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.errors), field).toContain(field);
    }
    expect(await incidentCount()).toBe(0);
    expect((await auditRows(t)).length).toBe(trail);
  });

  it('when an agent tries to post, edit or resolve, then 403 and nothing changes', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const posted = await supervisor.post('/api/incidents', smsDelays());
    expect((await agent.post('/api/incidents', smsDelays())).status).toBe(403);
    expect((await agent.put(`/api/incidents/${posted.body.id}`, { ...smsDelays(), version: 1 })).status).toBe(
      403,
    );
    expect((await agent.post(`/api/incidents/${posted.body.id}/resolve`, RESOLVED)).status).toBe(403);
    expect(await incidentCount()).toBe(1);
    expect((await agent.get(`/api/incidents/${posted.body.id}`)).body).toMatchObject({
      version: 1,
      active: true,
    });
  });

  it('when a supervisor edits it at the version seen, then it changes with before/after audited; a stale version or an edit after resolving is 409', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const other = await signedIn(t, 'supervisor');
    const posted = await supervisor.post('/api/incidents', smsDelays());
    const id = posted.body.id;
    const edited = await other.put(`/api/incidents/${id}`, {
      ...smsDelays({ titleEn: 'SMS and email delays', affected: ['sms', 'email'] }),
      startsAt: posted.body.startsAt,
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      titleEn: 'SMS and email delays',
      affected: ['sms', 'email'],
      version: 2,
    });
    const [update] = await auditRows(t, 'incident.update');
    expect(JSON.parse(update!.details ?? '{}')).toMatchObject({
      before: { titleEn: 'SMS delays', affected: ['sign_in', 'sms'] },
      after: { titleEn: 'SMS and email delays', affected: ['sms', 'email'] },
      version: { before: 1, after: 2 },
    });

    const stale = await supervisor.put(`/api/incidents/${id}`, { ...smsDelays(), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await supervisor.get(`/api/incidents/${id}`)).body.titleEn).toBe('SMS and email delays');

    expect((await supervisor.post(`/api/incidents/${id}/resolve`, RESOLVED)).status).toBe(200);
    const afterResolve = await supervisor.put(`/api/incidents/${id}`, { ...smsDelays(), version: 3 });
    expect(afterResolve.status).toBe(409);
    expect(afterResolve.body.code).toBe('incident_resolved');
    expect((await auditRows(t, 'incident.update')).map((r) => r.outcome)).toEqual([
      'success',
      'denied',
      'denied',
    ]);
  });

  it('when it is resolved twice, then the first is 200 and ends it everywhere, the second 409 audited as denied', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const posted = await supervisor.post('/api/incidents', smsDelays());
    t.advance(5 * MIN);
    const unexplained = await supervisor.post(`/api/incidents/${posted.body.id}/resolve`, {});
    expect(unexplained.status).toBe(400);
    expect(Object.keys(unexplained.body.errors)).toEqual(['reason']);
    const [first, second] = await Promise.all([
      supervisor.post(`/api/incidents/${posted.body.id}/resolve`, { reason: 'Gateway back' }),
      supervisor.post(`/api/incidents/${posted.body.id}/resolve`, { reason: 'Gateway back' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const resolved = first.status === 200 ? first.body : second.body;
    expect(resolved).toMatchObject({
      active: false,
      resolvedAt: t.deps.now(),
      resolvedBy: supervisor.member.id,
    });
    expect((await auditRows(t, 'incident.resolve')).map((r) => r.outcome)).toEqual(['success', 'denied']);
    expect((await agent.get('/api/incidents?filter={"active":true}')).body).toEqual([]);
    expect((await client(t).get('/api/status')).body).toEqual({ status: 'ok', incidents: [] });
    expect((await supervisor.post('/api/incidents/999/resolve', RESOLVED)).status).toBe(404);
  });

  it('when an account failed to sign in during an incident, then its hint lists it; not for failures outside the window, successes or a payments outage', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const now = t.deps.now();
    const sms = await supervisor.post('/api/incidents', smsDelays({ startsAt: now - 30 * MIN }));
    const payments = await supervisor.post(
      '/api/incidents',
      smsDelays({ titleEn: 'Payments slow', affected: ['payments'], startsAt: now - 30 * MIN }),
    );
    expect(payments.status).toBe(201);
    const earlier = await supervisor.post(
      '/api/incidents',
      smsDelays({
        titleEn: 'Sign-in outage',
        affected: ['sign_in'],
        startsAt: now - 5 * 60 * MIN,
        expectedEndAt: null,
      }),
    );
    t.advance(MIN);
    await supervisor.post(`/api/incidents/${earlier.body.id}/resolve`, RESOLVED);
    t.advance(MIN);

    const { account: affected } = await createAccount(t);
    // A real wrong password through the wallet, inside both windows' reach.
    expect((await walletSignIn(affected.email, 'not my password')).status).toBe(401);
    const { account: before } = await createAccount(t);
    await addLoginEvent(t, before.id, { outcome: 'failure', at: now - 6 * 60 * MIN });
    const { account: succeeded } = await createAccount(t);
    await addLoginEvent(t, succeeded.id, { outcome: 'success', at: now - 5 * MIN });
    const { account: duringEarlier } = await createAccount(t);
    await addLoginEvent(t, duringEarlier.id, { outcome: 'locked_out', at: now - 2 * 60 * MIN });

    const hint = async (accountId: number, who = agent) =>
      (await who.get(`/api/incidents?filter={"accountId":${accountId}}`)).body.map(
        (i: { id: number }) => i.id,
      );
    expect(await hint(affected.id)).toEqual([sms.body.id]);
    expect(await hint(before.id)).toEqual([]);
    expect(await hint(succeeded.id)).toEqual([]);
    // A resolved incident still explains a failure inside its window.
    expect(await hint(duringEarlier.id)).toEqual([earlier.body.id]);
    // A day later the failures are no longer "recent".
    t.advance(25 * 60 * MIN);
    expect(await hint(affected.id, await signedIn(t, 'agent'))).toEqual([]);
  });

  it('when an incident is active, then the wallet sign-in answers 401 and 423 byte for byte as without one', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const { account: open } = await createAccount(t);
    const { account: locked } = await createAccount(t, { status: 'locked', lockReason: 'terms_violation' });
    const answers = async () => {
      const shapes = [];
      for (const [login, password] of [
        [open.email, 'wrong password!'],
        [locked.email, 'wrong password!'],
        ['nobody@example.com', 'wrong password!'],
      ] as const) {
        const res = await walletSignIn(login, password);
        const headers = { ...res.headers };
        for (const varying of ['date', 'x-request-id', 'content-length', 'etag']) delete headers[varying];
        // The request id is the one part that differs per request: it is blanked, nothing else.
        shapes.push({
          status: res.status,
          headers,
          text: res.text.replace(/"requestId":"[^"]*"/, '"requestId":""'),
        });
      }
      return shapes;
    };
    const without = await answers();
    expect(without.map((a) => a.status)).toEqual([401, 423, 401]);
    await supervisor.post('/api/incidents', smsDelays({ affected: ['sign_in', 'sms', 'email', 'payments'] }));
    expect((await client(t).get('/api/status')).body.status).toBe('incident');
    expect(await answers()).toEqual(without);
  });
});
