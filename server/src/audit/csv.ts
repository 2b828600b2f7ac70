import enApp from '../../../client/src/i18n/en/app';
import enAudit from '../../../client/src/i18n/en/audit';
import enAuditActions from '../../../client/src/i18n/en/auditActions';
import enAuditExport from '../../../client/src/i18n/en/auditExport';
import zhApp from '../../../client/src/i18n/zh/app';
import zhAudit from '../../../client/src/i18n/zh/audit';
import zhAuditActions from '../../../client/src/i18n/zh/auditActions';
import zhAuditExport from '../../../client/src/i18n/zh/auditExport';
import type { LabelledAuditEvent } from './labels';

/**
 * The trail's CSV (docs/design.md, Readable trail): the list's human columns in the reader's language (the
 * console's own message files, so a column and an action read as on screen), times in ISO-8601 UTC, and the
 * stored fields a second system needs (action code, details, both hashes) kept beside them.
 */

export const CSV_LANGUAGES = ['en', 'zh'] as const;
export type CsvLanguage = (typeof CSV_LANGUAGES)[number];

export const CSV_COLUMNS = [
  'id',
  'at',
  'actorName',
  'actorUsername',
  'actorRole',
  'action',
  'actionKey',
  'target',
  'caseId',
  'outcome',
  'reason',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

type Tree = { [key: string]: Tree | string };
const MESSAGES: Record<CsvLanguage, Tree[]> = {
  en: [enApp, enAudit, enAuditActions, enAuditExport] as unknown as Tree[],
  zh: [zhApp, zhAudit, zhAuditActions, zhAuditExport] as unknown as Tree[],
};

/** A dotted key in the language's message files (account.unlock sits under actions.account.unlock). */
function message(lang: CsvLanguage, key: string): string | undefined {
  for (const tree of MESSAGES[lang]) {
    let node: Tree | string | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node === 'string') return node;
  }
  return undefined;
}

/** First characters that would make a spreadsheet run the cell as a formula: = + - @ tab CR. */
const FORMULA_STARTS = new Set([61, 43, 45, 64, 9, 13]);
const NEEDS_QUOTES = /[",\n\r]/;

// Runs for every cell of a whole-trail export (tens of millions): a char-code check, not a regex, for the start.
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  const s = FORMULA_STARTS.has(text.charCodeAt(0)) ? `'${text}` : text;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const AUDIT = 'resources.audit-events';

/** Distinct values translated once per export; more than this (not a vocabulary) are looked up each time. */
const MEMO_LIMIT = 1_000;

/**
 * `message(lang, prefix.value)` remembered per value: an export asks for the same few actions, outcomes,
 * roles and target types millions of times, and walking the message trees each time was a large share
 * of its cost (issue 9 profile).
 */
function translator(lang: CsvLanguage, prefix: string) {
  const memo = new Map<string, string>();
  return (value: string): string => {
    let text = memo.get(value);
    if (text === undefined) {
      text = message(lang, `${prefix}.${value}`) ?? value;
      if (memo.size < MEMO_LIMIT) memo.set(value, text);
    }
    return text;
  };
}

/** The header line and a row formatter for one language. */
export function csvFormat(lang: CsvLanguage) {
  const t = (key: string, fallback: string) => message(lang, key) ?? fallback;
  const targetType = translator(lang, `${AUDIT}.target_types`);
  const role = translator(lang, 'app.roles');
  const action = translator(lang, `${AUDIT}.actions`);
  const outcome = translator(lang, `${AUDIT}.outcomes`);
  const targetNamed = t(`${AUDIT}.target_named`, '%{type}: %{name}');
  const customer = t(`${AUDIT}.csv.customer`, 'Customer');
  const system = t(`${AUDIT}.csv.system`, 'System');
  const target = (r: LabelledAuditEvent) => {
    if (!r.targetType) return '';
    const type = targetType(r.targetType);
    if (r.account && r.targetType === 'account')
      return `${type} ${r.account.accountNumber} ${r.account.maskedName}`;
    if (r.targetName)
      return targetNamed.replace('%{type}', type).replace('%{name}', `${r.targetName} (#${r.targetId})`);
    return r.targetId ? `${type} #${r.targetId}` : type;
  };
  const actor = (r: LabelledAuditEvent) =>
    r.actorName ??
    (r.actorUsername === 'customer' ? customer : r.actorId === null && !r.actorUsername ? system : '');
  const cell: Record<Column, (r: LabelledAuditEvent) => unknown> = {
    id: (r) => r.id,
    at: (r) => new Date(r.at).toISOString(),
    actorName: actor,
    actorUsername: (r) => r.actorUsername,
    actorRole: (r) => (r.actorRole ? role(r.actorRole) : ''),
    action: (r) => action(r.action),
    actionKey: (r) => r.action,
    // A case-only action names its account too: the supervisor reads whose account it touched.
    target: (r) => {
      const own = target(r);
      return r.account && r.targetType !== 'account'
        ? `${own}${own ? ' · ' : ''}${r.account.accountNumber} ${r.account.maskedName}`
        : own;
    },
    caseId: (r) => r.caseId,
    outcome: (r) => outcome(r.outcome),
    reason: (r) => r.reason,
    ip: (r) => r.ip,
    userAgent: (r) => r.userAgent,
    requestId: (r) => r.requestId,
    details: (r) => r.details,
    prevHash: (r) => r.prevHash,
    hash: (r) => r.hash,
  };
  const cells = CSV_COLUMNS.map((c) => cell[c]);
  return {
    header: `${CSV_COLUMNS.map((c) => csvCell(t(`${AUDIT}.csv.columns.${c}`, c))).join(',')}\n`,
    // Concatenated in place: no array of cells per row.
    line: (r: LabelledAuditEvent) => {
      let line = csvCell(cells[0]!(r));
      for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i]!(r))}`;
      return `${line}\n`;
    },
  };
}

/** The console sends its language; otherwise the request's Accept-Language picks (Chinese first, else English). */
export function csvLanguage(asked: CsvLanguage | undefined, acceptLanguage: string | undefined): CsvLanguage {
  if (asked) return asked;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}
