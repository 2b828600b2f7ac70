import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { StaffRole } from '../src/db/schema';
import type { AppDeps } from '../src/deps';
import { createLogger } from '../src/http/logger';
import { loadKeys } from '../src/keys';
import { hashPassword } from '../src/shared/passwords';
import { insertStaff } from '../src/staff/staffRepo';
import { totpCode } from '../src/staff/totp';
import { openTestDatabase, TEST_ENGINE } from './engine/testDatabase';

export const STAFF_PASSWORD = 'correct horse battery staple';
/** The authenticator secret signedIn() enrols: supervisors (and, by default, agents) must have one. */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * A fresh database and the real app around it: a SQLite file (WAL, migrated) in a temp folder, or, in
 * the PostgreSQL run (npm run test:pg), a fresh copy of the migrated template database.
 */
// TEST_LOG_LEVEL=error shows a 500's cause while debugging; tests run silent.
const testLogLevel = (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent';

export function makeTestApp(overrides: Partial<AppDeps['config']> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rd-test-'));
  const dbFile = join(dir, 'test.db');
  const database = openTestDatabase(dir);
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      ...(TEST_ENGINE === 'pg' ? { DATABASE_URL: database.url! } : { DB_FILE: dbFile }),
      MAILBOX_DIR: join(dir, 'mailbox'),
      LOG_LEVEL: testLogLevel,
    }),
    ...overrides,
  };
  let clock = Date.now();
  const deps: AppDeps = {
    db: database.db,
    sqlite: database.sqlite,
    config,
    // Key files beside the test's own file name, on either engine.
    keys: loadKeys(dbFile, {}),
    logger: createLogger(testLogLevel),
    now: () => clock,
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    dir,
    dbFile,
    engine: TEST_ENGINE,
    /** Moves the injected clock forward (lock windows, expiries). */
    advance: (ms: number) => {
      clock += ms;
    },
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = ReturnType<typeof makeTestApp>;

let staffSeq = 0;
let cachedHash: Promise<string> | undefined;

export async function createStaffMember(
  t: TestApp,
  role: StaffRole,
  extra: { username?: string; totpSecret?: string } = {},
) {
  cachedHash ??= hashPassword(STAFF_PASSWORD);
  const username = extra.username ?? `${role}${++staffSeq}`;
  return insertStaff(t.deps.db, {
    username,
    fullName: `Test ${role} ${staffSeq}`,
    role,
    passwordHash: await cachedHash,
    totpSecret: extra.totpSecret ?? null,
  });
}

/** A supertest agent (keeps the session cookie) that sends the header the SPA sends. */
export function client(t: TestApp) {
  const agent = request.agent(t.app);
  const json = (method: 'post' | 'put' | 'patch' | 'delete', url: string, body: unknown = {}) =>
    agent[method](url)
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  return {
    agent,
    get: (url: string) => agent.get(url),
    post: (url: string, body?: unknown) => json('post', url, body),
    put: (url: string, body?: unknown) => json('put', url, body),
  };
}

/**
 * A signed-in client for a new staff member of the given role, enrolled in TOTP with TEST_TOTP_SECRET and
 * through the code step (a new member has used no time step yet).
 */
export async function signedIn(t: TestApp, role: StaffRole) {
  const member = await createStaffMember(t, role, { totpSecret: TEST_TOTP_SECRET });
  const c = client(t);
  const res = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
  if (res.status !== 200 || !res.body.mfaRequired) {
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const mfa = await c.post('/api/auth/mfa', { code: totpCode(TEST_TOTP_SECRET, t.deps.now()) });
  if (mfa.status !== 200) throw new Error(`code step failed: ${mfa.status} ${JSON.stringify(mfa.body)}`);
  return { ...c, member };
}

type Client = ReturnType<typeof client>;

/** Password, then the code `secret` shows now (the caller moves the clock on if this member signed in this step). */
export async function signInWithTotp(
  t: TestApp,
  c: Client,
  username: string,
  password = STAFF_PASSWORD,
  secret = TEST_TOTP_SECRET,
) {
  const login = await c.post('/api/auth/login', { username, password });
  if (login.status !== 200 || !login.body.mfaRequired) {
    throw new Error(`password step failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  return c.post('/api/auth/mfa', { code: totpCode(secret, t.deps.now()) });
}

/** Enrols the session's member through the API the console uses; answers the secret and the recovery codes. */
export async function enrolThroughApi(t: TestApp, c: Client) {
  const start = await c.post('/api/auth/enrolment', {});
  if (start.status !== 200) throw new Error(`enrolment start: ${start.status} ${JSON.stringify(start.body)}`);
  const secret = start.body.secret as string;
  const confirm = await c.post('/api/auth/enrolment/confirm', { code: totpCode(secret, t.deps.now()) });
  if (confirm.status !== 200) throw new Error(`enrolment: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret, recoveryCodes: confirm.body.recoveryCodes as string[], identity: confirm.body.identity };
}
