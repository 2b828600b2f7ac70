import { createInterface } from 'node:readline';
import {
  type AccountLine,
  AccountLineRejected,
  checkAccountLine,
  type FieldProblem,
  insertImportedAccount,
  type LineCheck,
} from '../server/src/accounts/accountImport';
import { appendAudit } from '../server/src/audit/writer';
import { inTransaction } from '../server/src/db/client';
import { hashPassword } from '../server/src/shared/passwords';
import {
  CLI_ACTOR,
  cliAuditContext,
  DB_OPTION,
  defaultDbFile,
  openDatabase,
  parseCli,
  runCli,
} from './lib/cli';

const USAGE = `
Usage: npm run accounts:import -- [--db FILE] [--print-ids] < accounts.ndjson

Imports customer accounts, one JSON object per line:
  {"fullName", "dateOfBirth" (YYYY-MM-DD), "phone" (any format), "country" (ISO alpha-2), "email",
   "nationalId", "password", optional "accountNumber" (OK + 10 digits; generated when absent),
   "status", "lockReason", "twoFactorEnabled", "socialProvider", "phoneChangedAt" (ISO or epoch ms),
   "transactions": [{amount, currency, at}]}
Bad lines are reported on stderr by line number and field (never their values); good lines are kept.
Exit code 0 when every line was imported, 1 when any was rejected.

Options:
  --db FILE       database file (default: $DB_FILE or data/recovery-desk.db)
  --print-ids     print each imported account number on stdout, one per line
  -h, --help      show this help
`;

/** Lines hashed concurrently: argon2id runs on libuv's thread pool, inserts stay in line order. */
const HASH_AHEAD = 4;

// Rejected lines wait in the same queue as good ones so the report comes out in line order.
type Pending =
  | { lineNo: number; line: AccountLine; hash: Promise<string> }
  | { lineNo: number; problems: FieldProblem[] };

function parseLine(text: string): LineCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's message quotes the input (PII), so only the fact is reported.
    return { ok: false, problems: [{ field: '(line)', problem: 'is not valid JSON' }] };
  }
  return checkAccountLine(raw);
}

function reportRejected(lineNo: number, problems: FieldProblem[]) {
  const detail = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  process.stderr.write(`line ${lineNo}: rejected: ${detail}\n`);
}

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { ...DB_OPTION, 'print-ids': { type: 'boolean' } });
  const { handle, keys } = openDatabase(values.db ?? defaultDbFile());
  const ctx = cliAuditContext(keys, 'accounts:import');
  let imported = 0;
  let rejected = 0;

  const settle = async (pending: Pending) => {
    if ('problems' in pending) {
      rejected++;
      reportRejected(pending.lineNo, pending.problems);
      return;
    }
    const { lineNo, line, hash } = pending;
    const passwordHash = await hash;
    try {
      const created = await inTransaction(handle.db, async (tx) => {
        const row = await insertImportedAccount(tx, keys, line, passwordHash, Date.now());
        await appendAudit(tx, ctx, {
          action: 'account.import',
          outcome: 'success',
          actorUsername: CLI_ACTOR,
          targetType: 'account',
          targetId: row.id,
          details: { accountNumber: row.accountNumber, line: lineNo },
        });
        return row;
      });
      imported++;
      if (values['print-ids']) process.stdout.write(`${created.accountNumber}\n`);
    } catch (error) {
      if (!(error instanceof AccountLineRejected)) throw error;
      rejected++;
      reportRejected(lineNo, error.problems);
    }
  };

  try {
    const queue: Pending[] = [];
    let lineNo = 0;
    for await (const text of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNo++;
      if (text.trim() === '') continue;
      const checked = parseLine(text);
      queue.push(
        checked.ok
          ? { lineNo, line: checked.line, hash: hashPassword(checked.line.password) }
          : { lineNo, problems: checked.problems },
      );
      if (queue.length >= HASH_AHEAD) await settle(queue.shift()!);
    }
    for (const pending of queue) await settle(pending);
  } finally {
    handle.close();
  }
  process.stderr.write(`imported ${imported}, rejected ${rejected}\n`);
  return rejected > 0 ? 1 : 0;
});
