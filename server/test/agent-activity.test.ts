import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTLIER_RULES, outlierFlags } from '../src/audit/agentActivity';
import { createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { makeTestApp, signedIn, type TestApp } from './harness';

describe('outlier rules', () => {
  const quiet = { lookups: 0, casesOpened: 0, denied: 0, reveals: 0, throttled: 0 };
  it('when an agent looks many customers up and opens no case, then it is flagged; below the threshold it is not', () => {
    expect(outlierFlags({ ...quiet, lookups: OUTLIER_RULES.minLookups })).toEqual(['lookups_without_cases']);
    expect(outlierFlags({ ...quiet, lookups: OUTLIER_RULES.minLookups - 1 })).toEqual([]);
  });
  it('when lookups far outnumber cases, then many_lookups_per_case; an ordinary ratio is fine', () => {
    expect(outlierFlags({ ...quiet, lookups: 30, casesOpened: 3 })).toEqual(['many_lookups_per_case']);
    expect(outlierFlags({ ...quiet, lookups: 20, casesOpened: 5 })).toEqual([]);
  });
  it('when refusals or reveals pile up, then each says so', () => {
    expect(outlierFlags({ ...quiet, denied: 5, reveals: 10 })).toEqual(['many_denied', 'many_reveals']);
  });
});

describe('GET /api/agent-activity', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  it('when one agent browses customers without cases and another works cases, then only the browser is flagged, first', async () => {
    const { account } = await createAccount(t, { fullName: 'Zoë Müller' });
    const curious = await signedIn(t, 'agent');
    const honest = await signedIn(t, 'agent');
    for (let i = 0; i < 12; i++) await curious.post('/api/lookup', { fullName: 'Zoe Muller' });
    await honest.post('/api/lookup', { fullName: 'Zoe Muller' });
    await openCase(honest, account.id);
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.get('/api/agent-activity');
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      id: curious.member.id,
      lookups: 12,
      casesOpened: 0,
      flags: ['lookups_without_cases'],
    });
    expect(res.body.find((r: { id: number }) => r.id === honest.member.id)).toMatchObject({
      lookups: 1,
      casesOpened: 1,
      flags: [],
    });
  });

  it('when the window is before the activity, then nobody is listed; a bad window is a 400 naming filter', async () => {
    const sup = await signedIn(t, 'supervisor');
    const res = await sup.get(
      `/api/agent-activity?filter=${encodeURIComponent(JSON.stringify({ from: 0, to: 1000 }))}`,
    );
    expect(res.body).toEqual([]);
    const bad = await sup.get(`/api/agent-activity?filter=${encodeURIComponent('{"from":"yesterday"}')}`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toContain('from');
  });

  it('when an agent asks, then 403', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await agent.get('/api/agent-activity')).status).toBe(403);
  });
});
