import { desc, gt } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow, rawAll } from '../src/db/rows';
import { auditEvents } from '../src/db/tables';
import { declaredRoutes } from '../src/http/routes';
import { createAccount } from './factories/accounts';
import { openCase } from './factories/cases';
import { tableNames } from './factories/databaseTables';
import { makeTestApp, signedIn, type TestApp } from './harness';

/**
 * Issue 7's property-based proof: generated ids, bodies, sorts, ranges and filters sent to every registered
 * route as a signed-in supervisor never get a 5xx, a 4xx always has the JSON error shape, and a refusal
 * for bad input changes nothing (every table's row count and the audit chain's head stay as they were).
 */

// Answers that mean "your request was wrong": nothing may have been written, not even an audit row.
const CHANGES_NOTHING = new Set([400, 405, 413, 414, 415, 422]);
// A refused action (403 policy, 404 no such record, 409 state): the trail records the attempt (DESIGN:
// denied actions are audited, a probe of unknown ids too), and nothing else changes. 401 and 429 are left
// out: refused sign-ins and throttled callers are counted by design.
const AUDITED_REFUSAL = new Set([403, 404, 409]);
// Sign-out would end the session the whole run uses; readiness answers 503 by meaning when no outbox worker
// runs (as here). Their own tests cover both.
const SKIPPED = new Set(['POST /auth/logout', 'GET /ready']);

const FIELDS = [
  'accountId',
  'caseId',
  'version',
  'reason',
  'channel',
  'text',
  'factor',
  'value',
  'code',
  'email',
  'phone',
  'fullName',
  'dateOfBirth',
  'accountNumber',
  'nationalIdLast4',
  'username',
  'role',
  'password',
  'login',
  'token',
  'to',
  'steps',
  'newEmail',
  '__proto__',
  'constructor',
] as const;

const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e3',
    '0x10',
    "1' OR '1'='1",
    '<script>',
    '☃',
    '王芳',
    'x'.repeat(3000),
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const idSegment = fc.oneof(
  fc.constantFrom('1', '2', '0', '-1', '0x10', '1e3', '1.5', '99999999999999999999', 'abc', '%20', "1'"),
  fc.nat().map(String),
);
const listQuery = fc.record(
  {
    sort: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('id', 'createdAt', '__proto__', '["id","ASC"]'),
    ),
    range: fc.oneof(fc.json({ maxDepth: 1 }), fc.constantFrom('[0,24]', '[-5,1e9]', '[24,0]', '[0]')),
    filter: fc.oneof(
      fc.json({ maxDepth: 2 }),
      fc.constantFrom('{"id":[1,2]}', '{"q":"%"}', '{"accountId":"1"}'),
    ),
  },
  { requiredKeys: [] },
);

let t: TestApp;
let supervisor: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = makeTestApp();
  supervisor = await signedIn(t, 'supervisor');
  const agent = await signedIn(t, 'agent');
  const { account } = await createAccount(t);
  await createAccount(t);
  await openCase(agent, account.id);
});
afterAll(() => t.close());

/** Row counts of every table but the sessions (a request may refresh its own) and the chain's last hash. */
let tables: string[] | undefined;
async function snapshot() {
  tables ??= (await tableNames(t)).filter((name) => name !== 'sessions');
  // One statement for all of them: this runs twice per generated request.
  const rows = await rawAll<{ name: string; n: number }>(
    t.deps.db,
    tables.map((name) => `SELECT '${name}' AS name, count(*) AS n FROM "${name}"`).join(' UNION ALL '),
  );
  const counts = Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
  const last = await firstRow(
    t.deps.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1),
  );
  return { counts, head: last?.id ?? 0 };
}

/** The counts of everything but the audit trail (its table, its full-text index, its per-day counters). */
const withoutTrail = (counts: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(counts).filter(([name]) => !name.startsWith('audit_')));

/** The outcomes of the audit rows written after `head`. */
async function outcomesSince(head: number): Promise<string[]> {
  const rows = await t.deps.db
    .select({ outcome: auditEvents.outcome })
    .from(auditEvents)
    .where(gt(auditEvents.id, head));
  return rows.map((row) => row.outcome);
}

describe('generated input on every route', () => {
  it('when any route gets generated ids, bodies and list parameters, then never a 5xx, 4xx in the JSON error shape, and a refused request changes nothing', async () => {
    const routes = declaredRoutes().filter((r) => !SKIPPED.has(`${r.method.toUpperCase()} ${r.path}`));
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const params = route.path.match(/:\w+/g) ?? [];
      await fc.assert(
        fc.asyncProperty(
          fc.array(idSegment, { minLength: params.length, maxLength: params.length }),
          body,
          listQuery,
          async (ids, payload, query) => {
            let path = route.path;
            ids.forEach((id) => {
              path = path.replace(/:\w+/, encodeURIComponent(id));
            });
            const url = `/api${path}`;
            const before = await snapshot();
            const res =
              route.method === 'get'
                ? await supervisor.agent.get(url).query(query)
                : await supervisor[route.method === 'put' ? 'put' : 'post'](url, payload);
            const where = `${route.method.toUpperCase()} ${url} ${JSON.stringify(route.method === 'get' ? query : payload).slice(0, 300)}`;
            expect(res.status, where).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.headers['content-type'], where).toMatch(/application\/json/);
              expect(typeof res.body.message, where).toBe('string');
            }
            if (CHANGES_NOTHING.has(res.status)) expect(await snapshot(), where).toEqual(before);
            if (AUDITED_REFUSAL.has(res.status)) {
              expect(withoutTrail((await snapshot()).counts), where).toEqual(withoutTrail(before.counts));
              expect(await outcomesSince(before.head), where).not.toContain('success');
            }
          },
        ),
        { numRuns: 10, seed: 20261201 },
      );
    }
  }, 240_000);
});
