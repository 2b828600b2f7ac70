import * as OpenCC from 'opencc-js';
import type { CountryProfile } from './countries';
import type { Rng } from './random';

/**
 * Name pools, most common first (Rng.pickCommon favours the front, so 王伟, 李娜, María García
 * recur as they do in real customer bases and lookups must cope with namesakes).
 * Chinese entries carry their pinyin for email addresses.
 */
type Han = readonly [han: string, pinyin: string];

/** 'Han pinyin, Han pinyin, ...' → pairs: long tables stay readable in a few lines. */
function hanPairs(table: string): readonly Han[] {
  return table.split(', ').map((entry) => entry.split(' ') as unknown as Han);
}

function latin(first: string, last: string, doubleSurname = false): Latin {
  return { first: first.split(', '), last: last.split(', '), doubleSurname };
}

const SURNAMES = hanPairs(
  '王 wang, 李 li, 张 zhang, 刘 liu, 陈 chen, 杨 yang, 黄 huang, 赵 zhao, 吴 wu, 周 zhou, 徐 xu, 孙 sun, 马 ma, ' +
    '朱 zhu, 胡 hu, 郭 guo, 何 he, 林 lin, 罗 luo, 高 gao, 梁 liang, 郑 zheng, 谢 xie, 宋 song, 唐 tang, 韩 han, ' +
    '冯 feng, 邓 deng, 曹 cao, 欧阳 ouyang, 曾 zeng, 解 xie, 单 shan, 区 ou, 仇 qiu, 司马 sima, 诸葛 zhuge, ' +
    '上官 shangguan',
);

const GIVEN = hanPairs(
  '伟 wei, 娜 na, 芳 fang, 敏 min, 静 jing, 丽 li, 强 qiang, 磊 lei, 军 jun, 洋 yang, 勇 yong, 艳 yan, 杰 jie, ' +
    '娟 juan, 涛 tao, 明 ming, 超 chao, 秀英 xiuying, 秀兰 xiulan, 霞 xia, 平 ping, 刚 gang, 桂英 guiying, ' +
    '小明 xiaoming, 建华 jianhua, 建国 jianguo, 志强 zhiqiang, 海燕 haiyan, 婷 ting, 雪 xue, 欣怡 xinyi, 子轩 zixuan, ' +
    '浩然 haoran, 梓涵 zihan, 宇轩 yuxuan, 思远 siyuan, 晓东 xiaodong, 丹 dan, 玲 ling, 斌 bin, 鹏 peng, 辉 hui, ' +
    '红 hong, 华 hua, 文 wen, 佳怡 jiayi, 嘉欣 jiaxin, 俊杰 junjie, 美玲 meiling, 家豪 jiahao',
);

/** Hong Kong and Taiwan write the same names in traditional characters, each in its own forms (opencc-js). */
const TO_TRADITIONAL = {
  HK: OpenCC.Converter({ from: 'cn', to: 'hk' }),
  TW: OpenCC.Converter({ from: 'cn', to: 'tw' }),
};
const traditionalMemo = new Map<string, string>();

function toTraditional(han: string, country: CountryProfile): string {
  const key = `${country.code}:${han}`;
  let converted = traditionalMemo.get(key);
  if (converted === undefined) {
    converted = (country.code === 'TW' ? TO_TRADITIONAL.TW : TO_TRADITIONAL.HK)(han);
    traditionalMemo.set(key, converted);
  }
  return converted;
}

type Latin = { first: readonly string[]; last: readonly string[]; doubleSurname?: boolean };

const LATIN: Record<CountryProfile['latinPool'], Latin> = {
  anglo: latin(
    'James, Mary, John, Sarah, Michael, Jennifer, David, Emily, Robert, Linda, Daniel, Zoë, ' +
      'Chloé, Seán, Renée, Thomas, Olivia, William',
    "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, O'Brien, Wilson, Taylor, Anderson, " +
      'Clarke, García, Nguyen, Moore, Evans',
  ),
  german: latin(
    'Jürgen, Anna, Lukas, Zoë, Jörg, Lena, Günther, Sophie, Jonas, Björn, Käthe, Maximilian, ' +
      'Hannah, Uwe',
    'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schröder, Köhler, ' +
      'Groß, Hoffmann, Weiß',
  ),
  french: latin(
    'Françoise, Jérôme, Léa, Hélène, Chloé, François, Élodie, Noël, Amélie, Théo, Camille, ' +
      'Mathieu, Gaëlle',
    'Martin, Bernard, Dubois, Lefèvre, Moreau, Laurent, Girard, Rousseau, Mercier, Fontaine, ' +
      'Gauthier, Bénard',
  ),
  spanish: latin(
    'José, María, Jesús, Ángel, Lucía, Sofía, Álvaro, Raúl, Inés, Andrés, Carmen, Begoña, ' +
      'Martín, Ximena',
    'García, Núñez, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Jiménez, ' +
      'Muñoz, Hernández, Ramírez, Peña',
    true,
  ),
  portuguese: latin(
    'João, Maria, José, Ana, Antônio, Francisco, Luíza, Gonçalo, Conceição, Tiago, Letícia, ' +
      'Vitória, Sebastião',
    'Silva, Santos, Oliveira, Souza, Gonçalves, Araújo, Conceição, Pereira, Lima, Fernandes, ' +
      'Ribeiro, Carvalho, Magalhães',
  ),
  indian: latin(
    'Priya, Rahul, Amit, Anjali, Sanjay, Deepika, Arjun, Sneha, Vikram, Pooja, Rohan, Kavya, ' + 'Lakshmi',
    'Sharma, Patel, Singh, Kumar, Gupta, Reddy, Iyer, Nair, Mehta, Joshi, Rao, Das, Banerjee',
  ),
  japanese: latin(
    'Haruto, Yui, Sōta, Yuna, Ren, Hina, Kenji, Akiko, Takashi, Yōko, Ryōta, Shōhei, Miyu',
    'Satō, Suzuki, Takahashi, Tanaka, Watanabe, Itō, Yamamoto, Nakamura, Kobayashi, Katō, ' +
      'Yoshida, Saitō',
  ),
  singapore: latin(
    'Wei Ming, Jia Hui, Siti, Nur Aisyah, Muhammad, Rajesh, Priya, Hui Min, Farah, Kumar, ' + 'Jun Jie',
    'Tan, Lim, Lee, Ng, Ong, Wong, Goh, Rahman, Ismail, Pillai, Chua',
  ),
};

export type PersonName = { fullName: string; emailParts: [first: string, last: string] };

/** Lower-case ASCII for an email local part: accents dropped, apostrophes and spaces removed. */
export function asciiWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function personName(rng: Rng, country: CountryProfile): PersonName {
  if (rng.chance(country.chineseNames)) {
    const [surname, surnamePinyin] = rng.pickCommon(SURNAMES);
    const [given, givenPinyin] = rng.pickCommon(GIVEN);
    const han = `${surname}${given}`;
    return {
      fullName: country.traditional ? toTraditional(han, country) : han,
      emailParts: [givenPinyin, surnamePinyin],
    };
  }
  const pool = LATIN[country.latinPool];
  const first = rng.pickCommon(pool.first);
  let last = rng.pickCommon(pool.last);
  if (pool.doubleSurname && rng.chance(0.5)) last = `${last} ${rng.pickCommon(pool.last)}`;
  return { fullName: `${first} ${last}`, emailParts: [asciiWord(first), asciiWord(last.split(' ')[0]!)] };
}

/** An address derived from the name; the index suffix keeps every seeded address unique. */
export function emailFor(rng: Rng, name: PersonName, country: CountryProfile, index: number): string {
  const [first, last] = name.emailParts;
  const styles = [
    `${first}.${last}`,
    `${last}${first}`,
    `${first}${last}`,
    `${first[0]}${last}`,
    `${last}.${first}`,
  ];
  return `${rng.pick(styles)}${index + 1}@${rng.pick(country.emailDomains)}`;
}

/**
 * How the name tables made a seeded Chinese name (in simplified characters), with the pinyin they
 * give it: 欧阳娜 → 欧阳 "ouyang" + 娜 "na". Written by hand, so a test of the lookup's own pinyin
 * can compare against it. null for a name the tables did not make.
 */
export type SeededHanName = { surname: string; given: string; surnamePinyin: string; givenPinyin: string };

export function seededHanName(simplified: string): SeededHanName | null {
  for (const [surname, surnamePinyin] of [...SURNAMES].sort((a, b) => b[0].length - a[0].length)) {
    if (!simplified.startsWith(surname)) continue;
    const given = GIVEN.find(([g]) => g === simplified.slice(surname.length));
    if (given) return { surname, given: given[0], surnamePinyin, givenPinyin: given[1] };
  }
  return null;
}
