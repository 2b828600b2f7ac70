import { STAFF_ROLES, type StaffRole } from '../server/src/db/schema';
import { STAFF_USERNAME } from '../server/src/staff/staffRepo';
import {
  CliError,
  DB_OPTION,
  defaultDbFile,
  openDatabase,
  parseCli,
  readStdin,
  requireOption,
  runCli,
  totpSecretOption,
  UsageError,
} from './lib/cli';
import { allStaff, createStaffMember, disableStaffMember, MIN_STAFF_PASSWORD } from './lib/staffAdmin';

const USAGE = `
Usage:
  npm run staff -- create --username U --full-name "Full Name" --role agent|supervisor [--totp-secret B32] < password
  npm run staff -- disable --username U
  npm run staff -- list

create reads the password from the first line of stdin (at least ${MIN_STAFF_PASSWORD} characters), so it never
appears in the shell history or the process list. create and disable are written to the audit trail.

Options:
  --db FILE       database file (default: $DB_FILE or data/recovery-desk.db)
  -h, --help      show this help
`;

const OPTIONS = {
  ...DB_OPTION,
  username: { type: 'string' },
  'full-name': { type: 'string' },
  role: { type: 'string' },
  'totp-secret': { type: 'string' },
} as const;

function roleOption(value: string | undefined): StaffRole {
  const role = requireOption(value, 'role');
  if (!(STAFF_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  }
  return role as StaffRole;
}

function usernameOption(value: string | undefined): string {
  const username = requireOption(value, 'username').trim();
  if (!STAFF_USERNAME.test(username)) {
    throw new UsageError('--username must be 2-40 letters, digits, dots, dashes or underscores');
  }
  return username;
}

function formatDate(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

runCli(USAGE, async () => {
  const { values, positionals } = parseCli(USAGE, OPTIONS, process.argv.slice(2), { positionals: true });
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (command !== 'create' && command !== 'disable' && command !== 'list') {
    throw new UsageError(
      command ? `unknown command "${command}"` : 'a command is required: create, disable or list',
    );
  }
  // Validate the arguments before touching the database or reading stdin.
  const member =
    command === 'create'
      ? {
          username: usernameOption(values.username),
          fullName: requireOption(values['full-name'], 'full-name').trim(),
          role: roleOption(values.role),
          totpSecret: totpSecretOption(values['totp-secret'], 'totp-secret'),
        }
      : null;
  const username = command === 'disable' ? usernameOption(values.username) : null;

  const password = member ? ((await readStdin()).split(/\r?\n/)[0] ?? '') : '';
  if (member && password.length < MIN_STAFF_PASSWORD) {
    throw new CliError(
      `the password (first line of stdin) must be at least ${MIN_STAFF_PASSWORD} characters`,
    );
  }

  const { handle, keys } = openDatabase(values.db ?? defaultDbFile());
  try {
    if (member) {
      const created = await createStaffMember(handle, keys, 'staff', { ...member, password });
      process.stdout.write(
        `created ${created.role} "${created.username}" (id ${created.id})${created.totpSecret ? ' with TOTP' : ''}\n`,
      );
    } else if (username) {
      await disableStaffMember(handle, keys, 'staff', username);
      process.stdout.write(`disabled "${username}"; their open sessions end at their next request\n`);
    } else {
      const rows = await allStaff(handle);
      const lines = rows.map((s) =>
        [
          s.username.padEnd(16),
          s.role.padEnd(11),
          (s.disabled ? 'disabled' : 'active').padEnd(9),
          formatDate(s.lastSignInAt).padEnd(17),
          s.fullName,
        ].join(' '),
      );
      process.stdout.write(
        `${['username         role        status    last sign-in      full name', ...lines].join('\n')}\n`,
      );
    }
  } finally {
    handle.close();
  }
  return 0;
});
