import transliterate from '@sindresorhus/transliterate';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/**
 * The forms of a name that callers and agents actually produce, beyond its spelling: one script
 * for Chinese (traditional → simplified, Hong Kong and Taiwan variants included, opencc-js), the
 * toneless pinyin an agent types for what they hear (pinyin-pro, surnames read as surnames: 单
 * Shàn, 曾 Zēng, 区 Ōu, 仇 Qiú, 解 Xiè), and a Latin spelling of Cyrillic and Greek names
 * (@sindresorhus/transliterate). Pure; the stored columns and the query are made by the same code.
 */

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

// Hong Kong forms first (衞 → 卫 is only known there), then Taiwan's (裡, 着).
const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Traditional Chinese (standard, Hong Kong or Taiwan forms) as simplified; other text unchanged. */
export function toSimplified(text: string): string {
  return HAN.test(text) ? text.replace(HAN_RUN, (run) => fromTaiwan(fromHongKong(run))) : text;
}

/** Two-character surnames (复姓); any other Chinese name starts with a one-character surname. */
const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 万俟 ' +
    '闻人 澹台 申屠 太史 呼延 钟离 宗政 濮阳 公冶 赫连 第五 百里 东郭 拓跋 司空 淳于 单于 仲孙 公羊 ' +
    '左丘 谷梁 乐正 壤驷 漆雕 梁丘 巫马 鲜于 闾丘 子车 亓官 段干 司寇 微生 羊舌 颛孙 东门 公良'
  ).split(' '),
);

/** A simplified Han name (no spaces) as [surname, given name]; the given name may be missing. */
export function splitHanName(han: string): string[] {
  const chars = [...han];
  const surnameLength = chars.length > 1 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return [chars.slice(0, surnameLength).join(''), chars.slice(surnameLength).join('')].filter(Boolean);
}

/** Toneless, lower case; ü as u, since that is what an English keyboard gives ("Lü" → "lu", "lv" → "lu"). */
function plainSyllables(han: string, asSurname: boolean): string[] {
  return pinyin(han, {
    toneType: 'none',
    type: 'array',
    ...(asSurname ? { mode: 'surname' as const } : {}),
  }).map((syllable) => syllable.toLowerCase().replace(/ü|v/g, 'u'));
}

/** [surname, given name] of a split simplified Han name in pinyin: ["ouyang", "yong"]. */
export function hanPinyinWords(parts: string[]): string[] {
  return parts.map((part, i) => plainSyllables(part, i === 0).join(''));
}

// Greek digraphs and letters that the usual passport spellings write differently from letter-by-letter.
const GREEK_SPELLINGS: [string, string][] = [
  ['ου', 'ou'],
  ['ού', 'ou'],
  ['Ου', 'Ou'],
  ['Ού', 'Ou'],
  ['ξ', 'x'],
  ['Ξ', 'X'],
];

/** A Cyrillic or Greek name in Latin letters ("Юрий" → "Yuriy", "Παπαδόπουλος" → "Papadopoulos"). */
export function toLatin(text: string): string {
  return CYRILLIC_OR_GREEK.test(text)
    ? transliterate(text.normalize('NFC'), { customReplacements: GREEK_SPELLINGS })
    : text;
}

export const hasHan = (text: string) => HAN.test(text);
export const hasCyrillicOrGreek = (text: string) => CYRILLIC_OR_GREEK.test(text);
