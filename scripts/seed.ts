import {
  DB_OPTION,
  defaultDbFile,
  intOption,
  parseCli,
  runCli,
  totpSecretOption,
  UsageError,
} from './lib/cli';
import { MIN_STAFF_PASSWORD } from './lib/staffAdmin';
import { MAX_SEED_ACCOUNTS } from './seed/customer';
import type { Scenario } from './seed/history';
import {
  DEFAULT_STAFF_PASSWORD,
  DEMO_CUSTOMER_PASSWORD,
  DEMO_STAFF,
  type SeedSummary,
  seedDatabase,
} from './seed/run';

const USAGE = `
Usage: npm run seed -- [options]

Creates the demo staff and N realistic customer accounts (deterministic for a given --seed).

Options:
  --db FILE                  database file (default: $DB_FILE or data/recovery-desk.db)
  --accounts N               number of customer accounts (default 2000, max ${MAX_SEED_ACCOUNTS})
  --seed S                   random seed; the same seed gives the same accounts (default 1)
  --staff-password P         password of the demo staff (default ${DEFAULT_STAFF_PASSWORD}; min ${MIN_STAFF_PASSWORD} chars)
  --staff-totp-secret B32    enrol the demo staff in TOTP with this base32 secret
  --now TIME                 reference time of the generated history, ISO or epoch ms (default: now)
  --reset                    delete the database file first (its key files are kept)
  --builders N               threads that build and write batches in turn (default 2 from 200000 accounts; 0 = inline)
  --batch N                  accounts per transaction (default 5000)
  -h, --help                 show this help
`;

const OPTIONS = {
  ...DB_OPTION,
  accounts: { type: 'string' },
  seed: { type: 'string' },
  'staff-password': { type: 'string' },
  'staff-totp-secret': { type: 'string' },
  now: { type: 'string' },
  reset: { type: 'boolean' },
  builders: { type: 'string' },
  batch: { type: 'string' },
} as const;

function parseNow(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError('--now must be an ISO date-time or epoch milliseconds');
  return ms;
}

const LABELS: Record<Scenario, string> = {
  failed_attempts: 'locked: failed_attempts',
  suspicious_activity: 'locked: suspicious_activity',
  terms_violation: 'locked: terms_violation',
  customer_request: 'locked: customer_request',
  closed: 'closed',
  active: 'active',
};

const LOCKED: Scenario[] = ['failed_attempts', 'suspicious_activity', 'terms_violation', 'customer_request'];

function report(summary: SeedSummary, staffPassword: string, totp: boolean) {
  const c = summary.counts;
  const lines = [
    `Seeded ${c.accounts} accounts, ${c.devices} devices, ${c.loginEvents} sign-in events, ${c.transactions} transactions in ${summary.seconds.toFixed(1)} s.`,
    '',
    `Staff sign-ins (password ${staffPassword}${totp ? ', plus the TOTP code' : '; each sets up an authenticator at the first sign-in'}):`,
    ...DEMO_STAFF.map(
      (s) =>
        `  ${s.username.padEnd(12)} ${s.role}${summary.staffCreated.includes(s.username) ? '' : ' (already existed, unchanged)'}`,
    ),
    '',
    'Example accounts:',
    ...(Object.keys(LABELS) as Scenario[]).flatMap((scenario) =>
      (summary.examples[scenario] ?? []).map(
        (a) => `  ${LABELS[scenario].padEnd(28)} ${a.accountNumber}  ${a.fullName}`,
      ),
    ),
    '',
    'Play the caller of a locked account (what its owner would say on the phone):',
    ...LOCKED.flatMap((scenario) =>
      (summary.examples[scenario] ?? []).map(
        (a) =>
          `  ${LABELS[scenario].padEnd(28)} "I am ${a.fullName}, my phone is ${a.phone}, born ${a.dateOfBirth}` +
          `${a.recentAmount ? `; my last payment was ${a.recentAmount}` : ''}."`,
      ),
    ),
    '',
    `Customer wallet password (every seeded account): ${DEMO_CUSTOMER_PASSWORD}`,
    'Messages to customers (reset links, codes) land in the mailbox folder: npm run mailbox',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, OPTIONS);
  const staffPassword = values['staff-password'] ?? DEFAULT_STAFF_PASSWORD;
  if (staffPassword.length < MIN_STAFF_PASSWORD) {
    throw new UsageError(`--staff-password must be at least ${MIN_STAFF_PASSWORD} characters`);
  }
  const options = {
    dbFile: values.db ?? defaultDbFile(),
    accounts: intOption(values.accounts, 'accounts', 2000, { max: MAX_SEED_ACCOUNTS }),
    seed: intOption(values.seed, 'seed', 1, { max: 2 ** 31 - 1 }),
    staffPassword,
    staffTotpSecret: totpSecretOption(values['staff-totp-secret'], 'staff-totp-secret'),
    reset: values.reset ?? false,
    now: parseNow(values.now),
    progress: process.stderr.isTTY === true,
    builders:
      values.builders === undefined ? undefined : intOption(values.builders, 'builders', 2, { max: 8 }),
    batch: intOption(values.batch, 'batch', 5000, { min: 1, max: 100_000 }),
  };
  const summary = await seedDatabase(options);
  if (!options.progress) {
    process.stderr.write(`seed: ${summary.counts.accounts} accounts written to ${options.dbFile}\n`);
  }
  report(summary, staffPassword, options.staffTotpSecret !== null);
  return 0;
});
