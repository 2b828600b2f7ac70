/**
 * Free text staff write on a case (notes, escalation reasons, hand-offs) is read by other staff and
 * kept for years: it must never hold what the caller has to keep secret. Pure; errs on the side of
 * refusing, because the agent can always rephrase ("the caller read the code back") while a code,
 * password or card number written down cannot be unread.
 */

export const SECRET_KINDS = ['one_time_code', 'password', 'card_number'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const SECRET_MESSAGES: Record<SecretKind, string> = {
  one_time_code: 'Never write what the caller must keep secret: this looks like a one-time code (6 digits)',
  password: 'Never write what the caller must keep secret: this looks like a password',
  card_number: 'Never write what the caller must keep secret: this looks like a full card number',
};

/** Digit groups separated by single spaces or hyphens: "123 456", "4111-1111-1111-1111". */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

// A password is announced ("password: x", "密码是x"): the keyword, a separator, then a token with a
// digit or a symbol in it, so "the password is wrong" or "密码错误" stay writable.
const PASSWORD_CLAIM =
  /(?:\bpass(?:word|wd|code|phrase)?\b|\bpwd\b|\bpin\b|密码|口令)\s*(?:\bis\b|\bwas\b|[:=是为])\s*["'“‘]?([\x21-\x7e]{4,})/giu;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Part of an amount or a decimal ("1,234.56", "123456.00"): not a code, not a card. */
function isPartOfNumber(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  return /\d[.,]$/.test(before) || /^[.,]\d/.test(after);
}

/** The kind of secret the text appears to contain, or null when it looks safe to keep. */
export function secretIn(raw: string): SecretKind | null {
  // Full-width digits and colons (１２３４５６, ：) are the same characters to a reader.
  const text = raw.normalize('NFKC');
  for (const m of text.matchAll(PASSWORD_CLAIM)) {
    // Sentence punctuation after a word ("is wrong,") is not part of a password.
    const token = (m[1] ?? '').replace(/[.,;:)\]]+$/, '');
    if (/[\d\W_]/.test(token)) return 'password';
  }
  let kind: SecretKind | null = null;
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index ?? 0;
    if (isPartOfNumber(text, start, start + m[0].length)) continue;
    const digits = m[0].replace(/[ -]/g, '');
    const groups = m[0].split(/[ -]/).length;
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return 'card_number';
    if (digits.length === 6 && groups <= 3) kind = 'one_time_code';
  }
  return kind;
}
