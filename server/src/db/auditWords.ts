import type Database from 'better-sqlite3';

/**
 * Words in the audit trail's free text, for Chinese as for English. Chinese (and Japanese kana) is written
 * without spaces, so the word index read an agent's whole reason "客户来电要求解冻" as one word and a supervisor's
 * search for 解冻 found nothing. Such runs are indexed as their characters and their overlapping pairs (the
 * bigrams of Lucene's CJK analyzer): a search of two or more characters asks for each of its pairs, one of a
 * single character asks for it. Every pair must be present, not in that order: a search is a filter a
 * supervisor reads, and a rare extra row beats a missed one.
 *
 * The character classes are code point ranges, written once here and in PostgreSQL's function of the same
 * rule (drizzle/pg/0018_audit_words_cjk.sql), so both engines find the same rows.
 */
const SPACELESS_RANGES = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const SPACELESS_RUN = new RegExp(`[${SPACELESS_RANGES}]+`, 'gu');
const HAS_SPACELESS = new RegExp(`[${SPACELESS_RANGES}]`, 'u');
const WORD = /[\p{L}\p{N}_]+/gu;

function pairs(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * A reason as the word index reads it: each spaceless run becomes its characters and their pairs, each
 * standing alone; everything else is unchanged (the tokenizer splits it as before). NFKC first, as the
 * search does: full-width letters and digits are the ASCII ones.
 */
export function indexedReason(reason: string | null): string | null {
  if (reason === null) return null;
  const text = reason.normalize('NFKC');
  if (!HAS_SPACELESS.test(text)) return text;
  return text.replace(SPACELESS_RUN, (run) => {
    const chars = [...run];
    return ` ${[...chars, ...pairs(chars)].join(' ')} `;
  });
}

/**
 * The words a search asks for, each required: letters and digits only, so user input never reaches the
 * index's query syntax; a spaceless run asks for its pairs (or its one character).
 */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  for (const word of text.normalize('NFKC').match(WORD) ?? []) {
    if (!HAS_SPACELESS.test(word)) {
      words.push(word);
      continue;
    }
    for (const piece of word.replace(SPACELESS_RUN, ' $& ').split(' ')) {
      if (!piece) continue;
      if (!HAS_SPACELESS.test(piece)) words.push(piece);
      else {
        const chars = [...piece];
        words.push(...(chars.length === 1 ? chars : pairs(chars)));
      }
    }
  }
  return [...new Set(words)];
}

/**
 * `audit_words(reason)`: the SQL name of indexedReason, which the word index's content view and insert
 * trigger call (drizzle/0025_audit_words_cjk.sql). Every connection that writes the trail, rebuilds the
 * index or checks its integrity registers it; one without it fails loudly ("no such function").
 */
export function registerAuditWords(sqlite: Database.Database): void {
  sqlite.function('audit_words', { deterministic: true }, (reason: unknown) =>
    typeof reason === 'string' ? indexedReason(reason) : null,
  );
}
