import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb } from '../src/db/client';
import type { StaffRole } from '../src/db/schema';
import type { AppDeps } from '../src/deps';
import { createLogger } from '../src/http/logger';
import { loadKeys } from '../src/keys';
import { hashPassword } from '../src/shared/passwords';
import { insertStaff } from '../src/staff/staffRepo';

export const STAFF_PASSWORD = 'correct horse battery staple';

/** A fresh SQLite file (WAL, migrated) in a temp folder, and the real app around it. */
export function makeTestApp(overrides: Partial<AppDeps['config']> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rd-test-'));
  const dbFile = join(dir, 'test.db');
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      DB_FILE: dbFile,
      MAILBOX_DIR: join(dir, 'mailbox'),
      LOG_LEVEL: 'silent',
    }),
    ...overrides,
  };
  const handle = createDb(dbFile);
  let clock = Date.now();
  const deps: AppDeps = {
    db: handle.db,
    sqlite: handle.sqlite,
    config,
    keys: loadKeys(dbFile, {}),
    logger: createLogger('silent'),
    now: () => clock,
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    dir,
    dbFile,
    /** Moves the injected clock forward (lock windows, expiries). */
    advance: (ms: number) => {
      clock += ms;
    },
    close: () => {
      handle.close();
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

/** A signed-in client for a new staff member of the given role. */
export async function signedIn(t: TestApp, role: StaffRole) {
  const member = await createStaffMember(t, role);
  const c = client(t);
  const res = await c.post('/api/auth/login', { username: member.username, password: STAFF_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...c, member };
}
