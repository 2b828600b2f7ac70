import { describe, expect, it } from 'vitest';
import { MATCHED_FIELDS } from '../../../server/src/lookup/ranking';
import en from '../i18n/en';
import zh from '../i18n/zh';
import { matchedFieldKey } from './matchedFields';

const lookupIn = (messages: unknown, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('why a candidate matched', () => {
  it('when the server labels a match, then both languages say it in words', () => {
    for (const field of MATCHED_FIELDS) {
      const key = matchedFieldKey(field);
      expect(typeof lookupIn(en, key), `${field} → ${key} (en)`).toBe('string');
      expect(typeof lookupIn(zh, key), `${field} → ${key} (zh)`).toBe('string');
    }
    expect(lookupIn(en, matchedFieldKey('fullName:pinyin'))).toBe('Name (pinyin)');
    expect(lookupIn(zh, matchedFieldKey('fullName:partial:pinyin'))).toBe('部分姓名（拼音）');
  });
});
