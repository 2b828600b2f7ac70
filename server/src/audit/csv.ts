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
const startsFormula = (text: string) => {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
};
const NEEDS_QUOTES = /[",\n\r]/;

// Runs for every cell of a whole-trail export (tens of millions): a char-code check, not a regex, for the start.
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A number that is not negative has nothing to defuse or quote (ids, case ids).
  if (typeof value === 'number' && value >= 0) return `${value}`;
  const text = typeof value === 'string' ? value : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  const s = startsFormula(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * csvCell remembered per value, for a column whose values repeat (usernames, reasons, addresses, user agents,
 * details): one Map lookup instead of the checks and a new string per row. Past `limit` distinct values
 * (not a vocabulary) the rest are formatted each time.
 */
function rememberedCells(limit = MEMO_LIMIT) {
  const memo = new Map<string, string>();
  return (value: string | null): string => {
    if (value === null) return '';
    let cell = memo.get(value);
    if (cell === undefined) {
      cell = csvCell(value);
      if (memo.size < limit) memo.set(value, cell);
    }
    return cell;
  };
}

const MINUTE_MS = 60_000;
/** toISOString's plain form holds for 0000-01-01 up to 9999-12-31 (beyond, it writes a sign and six digits). */
const LAST_PLAIN_ISO_MS = 253_402_300_799_999;
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * The `at` cell, `new Date(at).toISOString()` as a CSV cell, from the text of the last minute seen and
 * arithmetic: an export walks time in order, and a Date and its formatting per row were a visible share of
 * its cost (issue 9 profile). Whole milliseconds within the plain range only; anything else as before.
 */
function isoTimeCells() {
  let minuteStart = Number.NaN;
  let minutePrefix = '';
  return (at: number): string => {
    if (!(at >= minuteStart && at < minuteStart + MINUTE_MS)) {
      if (!Number.isSafeInteger(at) || at < 0 || at > LAST_PLAIN_ISO_MS)
        return csvCell(new Date(at).toISOString());
      minuteStart = at - (at % MINUTE_MS);
      minutePrefix = new Date(minuteStart).toISOString().slice(0, 17);
    }
    const ms = at - minuteStart;
    return `${minutePrefix}${pad2[Math.floor(ms / 1000)]}.${pad3[ms % 1000]}Z`;
  };
}

const AUDIT = 'resources.audit-events';

/** Distinct values translated once per export; more than this (not a vocabulary) are looked up each time. */
const MEMO_LIMIT = 1_000;

/**
 * `message(lang, prefix.value)` remembered per value: an export asks for the same few actions, outcomes,
 * roles and target types millions of times, and walking the message trees each time was a large share
 * of its cost (issue 9 profile). `cell` is the same as a CSV cell, remembered too.
 */
function translator(lang: CsvLanguage, prefix: string) {
  const memo = new Map<string, string>();
  const text = (value: string): string => {
    let translated = memo.get(value);
    if (translated === undefined) {
      translated = message(lang, `${prefix}.${value}`) ?? value;
      if (memo.size < MEMO_LIMIT) memo.set(value, translated);
    }
    return translated;
  };
  const cellMemo = new Map<string, string>();
  const cell = (value: string): string => {
    let c = cellMemo.get(value);
    if (c === undefined) {
      c = csvCell(text(value));
      if (cellMemo.size < MEMO_LIMIT) cellMemo.set(value, c);
    }
    return c;
  };
  return { text, cell };
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
    const type = targetType.text(r.targetType);
    if (r.account && r.targetType === 'account')
      return `${type} ${r.account.accountNumber} ${r.account.maskedName}`;
    if (r.targetName)
      return targetNamed.replace('%{type}', type).replace('%{name}', `${r.targetName} (#${r.targetId})`);
    return r.targetId ? `${type} #${r.targetId}` : type;
  };
  const actor = (r: LabelledAuditEvent) =>
    r.actorName ??
    (r.actorUsername === 'customer' ? customer : r.actorId === null && !r.actorUsername ? system : '');
  // Columns whose values repeat, each with its own memory; the rest (ids, hashes) are formatted each time.
  const actorCell = rememberedCells();
  const usernameCell = rememberedCells();
  const actionKeyCell = rememberedCells();
  const reasonCell = rememberedCells();
  const ipCell = rememberedCells();
  const userAgentCell = rememberedCells();
  const detailsCell = rememberedCells();
  const atCell = isoTimeCells();
  // One function per column, in CSV_COLUMNS' order (the header's): each answers its cell, formatted.
  const cell: Record<Column, (r: LabelledAuditEvent) => string> = {
    id: (r) => csvCell(r.id),
    at: (r) => atCell(r.at),
    actorName: (r) => actorCell(actor(r)),
    actorUsername: (r) => usernameCell(r.actorUsername),
    actorRole: (r) => (r.actorRole ? role.cell(r.actorRole) : ''),
    action: (r) => action.cell(r.action),
    actionKey: (r) => actionKeyCell(r.action),
    // A case-only action names its account too: the supervisor reads whose account it touched.
    target: (r) => {
      const own = target(r);
      return csvCell(
        r.account && r.targetType !== 'account'
          ? `${own}${own ? ' · ' : ''}${r.account.accountNumber} ${r.account.maskedName}`
          : own,
      );
    },
    caseId: (r) => csvCell(r.caseId),
    outcome: (r) => outcome.cell(r.outcome),
    reason: (r) => reasonCell(r.reason),
    ip: (r) => ipCell(r.ip),
    userAgent: (r) => userAgentCell(r.userAgent),
    requestId: (r) => csvCell(r.requestId),
    details: (r) => detailsCell(r.details),
    prevHash: (r) => csvCell(r.prevHash),
    hash: (r) => csvCell(r.hash),
  };
  const cells = CSV_COLUMNS.map((c) => cell[c]);
  return {
    header: `${CSV_COLUMNS.map((c) => csvCell(t(`${AUDIT}.csv.columns.${c}`, c))).join(',')}\n`,
    // Concatenated in place: no array of cells per row.
    line: (r: LabelledAuditEvent) => {
      let line = cells[0]!(r);
      for (let i = 1; i < cells.length; i++) line += `,${cells[i]!(r)}`;
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
